package dev.backprop.engine;

/**
 * Which arithmetic trained a network, for a job's record and {@code /actuator/info}: the same
 * configuration and seed give bit-identical weights only on the same kernels and thread count.
 *
 * @param loops     the engine's own loops: {@code vector-256} (the JDK's Vector API) or {@code scalar}
 * @param nativeBlas the native BLAS binding the dense products went through (e.g. {@code JNIBLAS}, the
 *                   system's OpenBLAS), or {@code null} when the engine's own loops did them all
 * @param threads   the engine's threads per mini-batch step (1 or 2); OpenBLAS may use its own besides
 */
public record TrainingKernels(String loops, String nativeBlas, int threads) {

    /** Whether the dense products went through the native BLAS. */
    public boolean usesNativeBlas() {
        return nativeBlas != null;
    }

    /** For example {@code "vector-256 loops, native BLAS (JNIBLAS), 2 threads"}. */
    @Override
    public String toString() {
        return loops + " loops, " + (nativeBlas == null ? "no native BLAS" : "native BLAS (" + nativeBlas + ")") + ", "
                + threads + (threads == 1 ? " thread" : " threads");
    }
}
