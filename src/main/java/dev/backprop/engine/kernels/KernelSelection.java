package dev.backprop.engine.kernels;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Picks the fastest {@link Kernels} this JVM can run. */
final class KernelSelection {

    /** Set to true to force the plain-loop kernels, e.g. to compare the two. */
    static final String FORCE_SCALAR = "backprop.kernels.scalar";

    private KernelSelection() {}

    /** Why the plain loops run, and the cost, for the start-up warning. */
    static String missing() {
        if (Boolean.getBoolean(FORCE_SCALAR)) {
            return "plain-loop kernels forced (-D" + FORCE_SCALAR + "=true)";
        }
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return (module
                        ? "the Vector API needs 256-bit vectors, which this processor lacks"
                        : "the JVM runs without --add-modules jdk.incubator.vector")
                + ": the engine's own loops run some 4 times slower";
    }

    static Kernels select() {
        if (!Boolean.getBoolean(FORCE_SCALAR)
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                // Loaded by name: the class cannot even be linked when the module is absent.
                Kernels vector = (Kernels) Class.forName("dev.backprop.engine.kernels.VectorKernels")
                        .getDeclaredConstructor()
                        .newInstance();
                if (((VectorKernels) vector).supported()) {
                    return vector;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                Logger.getLogger(KernelSelection.class.getName())
                        .log(Level.INFO, "Vector API unusable, falling back to scalar kernels", e);
            }
        }
        return new ScalarKernels();
    }
}
