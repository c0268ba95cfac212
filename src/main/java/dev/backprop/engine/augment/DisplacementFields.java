package dev.backprop.engine.augment;

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
        float[] noise = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            noise[i] = (float) (2 * random.nextDouble() - 1);
        }
        float[] rows = convolve(noise, kernel, 1, Distortion.SIDE);
        float[] both = convolve(rows, kernel, Distortion.SIDE, 1);
        for (int i = 0; i < PIXELS; i++) {
            both[i] *= alpha;
        }
        return both;
    }

    /** Convolves along x ({@code step} 1) or y ({@code step} 28), zero beyond the edges. */
    private static float[] convolve(float[] image, float[] kernel, int step, int across) {
        int side = Distortion.SIDE;
        int radius = kernel.length / 2;
        float[] out = new float[PIXELS];
        for (int line = 0; line < side; line++) {
            int start = line * across;
            for (int t = 0; t < side; t++) {
                float sum = 0;
                for (int k = Math.max(-radius, -t); k <= Math.min(radius, side - 1 - t); k++) {
                    sum += kernel[k + radius] * image[start + (t + k) * step];
                }
                out[start + t * step] = sum;
            }
        }
        return out;
    }
}
