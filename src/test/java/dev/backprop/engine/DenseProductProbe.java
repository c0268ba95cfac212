package dev.backprop.engine;

import dev.backprop.engine.kernels.Block;
import dev.backprop.engine.kernels.DenseProducts;
import dev.backprop.engine.kernels.Gradient;
import dev.backprop.engine.kernels.NativeBlas;
import dev.backprop.engine.kernels.Weights;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * For the benchmark: the engine's dense products at one layer's shapes in a training step (forward,
 * errors sent down, weight gradient), each timed against the same {@code sgemm} called straight on
 * the native BLAS in the same JVM, so that whatever the engine adds around the BLAS shows.
 */
public final class DenseProductProbe {

    /** One product: its name, our median and the BLAS's, in nanoseconds, and its floating-point operations. */
    public record Timing(String product, double oursNanos, double blasNanos, double flops) {
        public double ratio() {
            return blasNanos / oursNanos;
        }
    }

    private DenseProductProbe() {}

    /** Null where no native BLAS loaded; else the three products of a {@code units × inputs} layer, batch {@code count}. */
    public static List<Timing> time(int units, int inputs, int count, int repetitions) {
        if (NativeBlas.INSTANCE == null) {
            return null;
        }
        DenseProducts ours = new DenseProducts(NativeBlas.INSTANCE);
        BLAS blas = NativeBLAS.getInstance();
        Random random = new Random(1);
        float[] w = fill(new float[units * inputs], random);
        float[] a = fill(new float[inputs * count], random);
        float[] bias = fill(new float[units], random);
        float[] z = new float[units * count];
        float[] delta = fill(new float[units * count], random);
        float[] below = new float[inputs * count];
        float[] g = new float[units * inputs];
        double flops = 2.0 * units * inputs * count;
        List<Timing> timings = new ArrayList<>();
        timings.add(new Timing(
                "forward",
                median(
                        repetitions,
                        () -> time(() -> ours.forward(new Weights(w, units, inputs, bias), Block.of(a, count), z))),
                median(
                        repetitions,
                        () -> time(() -> blas.sgemm(
                                "N", "N", units, count, inputs, 1f, w, 0, units, a, 0, inputs, 0f, z, 0, units))),
                flops));
        timings.add(new Timing(
                "errors sent down",
                median(
                        repetitions,
                        () -> time(
                                () -> ours.sendDown(new Weights(w, units, inputs, null), null, delta, below, count))),
                median(
                        repetitions,
                        () -> time(() -> blas.sgemm(
                                "T", "N", inputs, count, units, 1f, w, 0, units, delta, 0, units, 0f, below, 0,
                                inputs))),
                flops));
        timings.add(new Timing(
                "weight gradient",
                median(
                        repetitions,
                        () -> time(() -> ours.weightGradient(
                                1f, new Gradient(delta, units, inputs, g), Block.of(a, count), 0f))),
                median(
                        repetitions,
                        () -> time(() -> blas.sgemm(
                                "N", "T", units, inputs, count, 1f, delta, 0, units, a, 0, inputs, 0f, g, 0, units))),
                flops));
        return timings;
    }

    private static float[] fill(float[] values, Random random) {
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) random.nextGaussian();
        }
        return values;
    }

    private static long time(Runnable product) {
        long started = System.nanoTime();
        product.run();
        return System.nanoTime() - started;
    }

    private static double median(int repetitions, LongSupplier sample) {
        long[] samples = new long[repetitions];
        for (int k = 0; k < repetitions; k++) {
            samples[k] = sample.getAsLong();
        }
        java.util.Arrays.sort(samples);
        return samples[repetitions / 2];
    }
}
