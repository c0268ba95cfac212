package dev.backprop.engine.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Vector API kernels for a test that compares them with the plain loops, or the test skipped, saying why. */
final class VectorKernelsOrSkip {

    private VectorKernelsOrSkip() {}

    static Kernels get() {
        assumeTrue(
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "skipped: the JVM runs without --add-modules jdk.incubator.vector");
        VectorKernels vector = new VectorKernels();
        assumeTrue(vector.supported(), "skipped: no 256-bit vectors on this CPU");
        return vector;
    }
}
