package dev.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The distortions' vector kernels against the plain loops, bit for bit: sampling (points far from the ink,
 * on pixel centres, exactly half-way between two values, and anywhere near it), pixels widened to
 * floats, the grid of an affine map and the weighted sums that smooth a displacement field. Enough calls
 * run for C2 to compile the vector loops, whose lanes then run as machine vectors rather than in Java.
 */
class DistortionKernelsTest {

    private static final int SIDE = 28;
    private static final int PADDED = SIDE + 2;
    private final ScalarKernels scalar = new ScalarKernels();

    @Test
    void samplingGivesTheBytesOfThePlainLoop() {
        Kernels vector = VectorKernelsOrSkip.get();
        Random random = new Random(5);
        float[] pixels = new float[PADDED * PADDED];
        float[] xs = new float[SIDE * SIDE + 3];
        float[] ys = new float[xs.length];
        byte[] expected = new byte[xs.length + 7];
        byte[] actual = new byte[xs.length + 7];
        for (int trial = 0; trial < 20_000; trial++) {
            int left = random.nextInt(SIDE);
            int top = random.nextInt(SIDE);
            int right = left + random.nextInt(SIDE - left);
            int bottom = top + random.nextInt(SIDE - top);
            java.util.Arrays.fill(pixels, 0f);
            for (int y = top; y <= bottom; y++) {
                for (int x = left; x <= right; x++) {
                    pixels[(y + 1) * PADDED + x + 1] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(255);
                }
            }
            PaddedImage image = new PaddedImage(pixels, PADDED, left - 1, top - 1, right + 1, bottom + 1);
            for (int i = 0; i < xs.length; i++) {
                xs[i] = point(random);
                ys[i] = point(random);
            }
            int n = trial % 2 == 0 ? SIDE * SIDE : xs.length - trial % 3;
            int to = trial % 7;
            scalar.sample(image, xs, ys, n, expected, to);
            vector.sample(image, xs, ys, n, actual, to);
            assertThat(actual).as("trial %d", trial).isEqualTo(expected);
        }
    }

    /** Anywhere from well outside to well inside, often on a pixel or half-way between two. */
    private static float point(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextInt(SIDE + 6) - 3;
            case 1 -> random.nextInt(SIDE + 6) - 3 + 0.5f;
            default -> (float) (random.nextDouble() * (SIDE + 6) - 3);
        };
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {3, 8, 13, 16, 28})
    void gridPointsAreTheBitsOfThePlainLoop(int width) {
        Kernels vector = VectorKernelsOrSkip.get();
        Random random = new Random(width);
        int rows = 11;
        for (int trial = 0; trial < 2_000; trial++) {
            Grid grid =
                    new Grid(floats(random, width), floats(random, width), floats(random, rows), floats(random, rows));
            float[] xs = new float[width * rows];
            float[] ys = new float[width * rows];
            float[] expectedXs = new float[width * rows];
            float[] expectedYs = new float[width * rows];
            scalar.points(grid, expectedXs, expectedYs);
            vector.points(grid, xs, ys);
            assertThat(xs).isEqualTo(expectedXs);
            assertThat(ys).isEqualTo(expectedYs);
        }
    }

    @Test
    void pixelsWidenToTheFloatsOfThePlainLoop() {
        Kernels vector = VectorKernelsOrSkip.get();
        Random random = new Random(12);
        for (int trial = 0; trial < 5_000; trial++) {
            int n = random.nextInt(40);
            int from = random.nextInt(5);
            int to = random.nextInt(5);
            byte[] x = new byte[n + from];
            random.nextBytes(x);
            float[] expected = new float[n + to + 3];
            float[] actual = new float[n + to + 3];
            scalar.widen(x, from, expected, to, n);
            vector.widen(x, from, actual, to, n);
            assertThat(actual).as("n %d", n).isEqualTo(expected);
        }
    }

    @Test
    void weightedSumsAreTheBitsOfThePlainLoop() {
        Kernels vector = VectorKernelsOrSkip.get();
        Random random = new Random(9);
        for (int trial = 0; trial < 5_000; trial++) {
            int n = random.nextInt(60);
            int from = random.nextInt(9);
            float[] x = floats(random, n + from);
            float[] expected = floats(random, n + 4);
            float[] actual = expected.clone();
            float weight = (float) random.nextGaussian();
            scalar.addScaled(weight, x, from, expected, n);
            vector.addScaled(weight, x, from, actual, n);
            assertThat(actual).as("n %d from %d", n, from).isEqualTo(expected);
        }
    }

    private static float[] floats(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextGaussian() * 20);
        }
        return values;
    }
}
