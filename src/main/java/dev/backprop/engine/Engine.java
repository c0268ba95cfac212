package dev.backprop.engine;

import dev.backprop.engine.kernels.Loops;
import dev.backprop.engine.kernels.NativeBlas;

/** Facts about the engine as it runs in this JVM, for logs, {@code /actuator/info} and benchmark reports. */
public final class Engine {

    private Engine() {}

    /** Which of the engine's own loops run: {@code vector-256} (Vector API) or {@code scalar} (plain loops). */
    public static String kernels() {
        return Loops.name();
    }

    /** The native BLAS binding wide layers use (e.g. {@code JNIBLAS}), or null where none loaded. */
    public static String nativeBlas() {
        return NativeBlas.INSTANCE == null ? null : NativeBlas.INSTANCE.name();
    }

    /**
     * What this JVM lacks for full speed and what that costs, or null when it has everything: the
     * Vector API module (without it the seed network trains some 4 times slower) and the native BLAS
     * (without it the [784,512,512,512,10] and [784,1024,1024,10] networks train 2.5 and 5 times slower).
     */
    public static String missing() {
        StringBuilder missing = new StringBuilder();
        if (!Loops.name().startsWith("vector")) {
            missing.append(Loops.whyPlain());
        }
        String blas = NativeBlas.missing();
        if (blas != null) {
            missing.append(missing.length() == 0 ? "" : "; ")
                    .append(blas)
                    .append(": networks with layers of 256 units or more train 2.5 to 5 times slower");
        }
        return missing.length() == 0 ? null : missing.toString();
    }

    /** For example {@code "vector-256 loops, native BLAS JNIBLAS"}. */
    public static String describe() {
        String blas = nativeBlas();
        return kernels() + " loops, " + (blas == null ? "no native BLAS" : "native BLAS " + blas);
    }
}
