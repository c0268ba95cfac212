package dev.backprop.engine.augment;

import dev.backprop.engine.kernels.DistortionKernels;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Simard's random displacement fields: each component uniform in (−1, 1) at every pixel, convolved
 * with a Gaussian of σ pixels (truncated at 3σ, the image's edges padded with zeros), then scaled by α.
 * Smoothing costs some 40,000 multiply-adds a field, more than distorting the image itself, so an
 * epoch draws a bank of fields once and each image takes one of them, with each component's sign drawn
 * afresh: four distinct displacements per field.
 */
final class DisplacementFields {

    private static final int PIXELS = Distortion.SIDE * Distortion.SIDE;

    private final float[][] dx;
    private final float[][] dy;

    private DisplacementFields(float[][] dx, float[][] dy) {
        this.dx = dx;
        this.dy = dy;
    }

    /** {@code count} fields of {@code alpha · (G_sigma ∗ U(−1, 1))} from {@code random}. */
    static DisplacementFields draw(int count, double alpha, double sigma, SplittableRandom random) {
        float[] kernel = gaussian(sigma);
        float[][] dx = new float[count][];
        float[][] dy = new float[count][];
        // Each field from a generator of its own, so the bank can be smoothed in parallel and still come
        // out the same: smoothing is most of the cost of an epoch's fields.
        long[] seeds = random.longs(count).toArray();
        IntStream.range(0, count).parallel().forEach(k -> {
            SplittableRandom own = new SplittableRandom(seeds[k]);
            dx[k] = smoothed(own, kernel, (float) alpha);
            dy[k] = smoothed(own, kernel, (float) alpha);
        });
        return new DisplacementFields(dx, dy);
    }

    int count() {
        return dx.length;
    }

    /** Field {@code k}, each component negated or not. */
    Distortion.Field field(int k, boolean flipX, boolean flipY) {
        return new Distortion.Field(dx[k], dy[k], flipX ? -1 : 1, flipY ? -1 : 1);
    }

    /** A normalised Gaussian kernel of radius ⌈3σ⌉. */
    static float[] gaussian(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double value = Math.exp(-i * i / (2 * sigma * sigma));
            kernel[i + radius] = (float) value;
            sum += value;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        return kernel;
    }

    private static float[] smoothed(SplittableRandom random, float[] kernel, float alpha) {
        int side = Distortion.SIDE;
        int taps = kernel.length;
        int radius = taps / 2;
        // Both passes add each tap's weighted copy to a whole flat array, in vectors, where summing each
        // output tap by tap, stopping at the image's edges, ran in plain loops (an epoch's 250 fields:
        // 12.5 to 2.8 ms of CPU on one thread). Borders of zeros as wide as the kernel's radius stand for
        // the edges: their terms add +0, which leaves every sum's bits as they were, each output still
        // summing its taps in order.
        int wide = side + 2 * radius;
        float[] noise = new float[side * wide + 2 * radius];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                noise[y * wide + radius + x] = (float) (2 * random.nextDouble() - 1);
            }
        }
        // Along x, rows of width `wide` of which the first `side` values are the sums; the rest mix two rows
        // and are never read.
        float[] across = new float[side * wide];
        for (int k = 0; k < taps; k++) {
            DistortionKernels.addScaled(kernel[k], noise, k, across, across.length);
        }
        // Along y, over the sums inside rows of zeros above and below.
        float[] tall = new float[(side + 2 * radius) * side];
        for (int y = 0; y < side; y++) {
            System.arraycopy(across, y * wide, tall, (y + radius) * side, side);
        }
        float[] both = new float[PIXELS];
        for (int k = 0; k < taps; k++) {
            DistortionKernels.addScaled(kernel[k], tall, k * side, both, PIXELS);
        }
        for (int i = 0; i < PIXELS; i++) {
            both[i] *= alpha;
        }
        return both;
    }
}
