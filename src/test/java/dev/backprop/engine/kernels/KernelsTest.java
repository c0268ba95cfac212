package dev.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.engine.ExampleSet;
import dev.backprop.engine.Examples;
import dev.backprop.engine.JvmOfItsOwn;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API kernels against the plain loops: bit for bit, for widths below, at and between
 * vector multiples, so that a seeded run gives the same weights whichever the JVM runs.
 */
class KernelsTest {

    private final ScalarKernels scalar = new ScalarKernels();

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {3, 8, 10, 16, 30, 33, 64, 70, 100, 128})
    void denseProductsAreBitIdentical(int rows) {
        Kernels vector = VectorKernelsOrSkip.get();
        Random random = new Random(rows);
        int inner = 37;
        int count = 5;
        float[] m = floats(random, rows * inner, 0);
        float[] bias = floats(random, rows, 0);
        float[] x = floats(random, inner * count + 3, 0.3);
        float[] expected = new float[rows * count];
        float[] actual = new float[rows * count];
        scalar.multiply(new Weights(m, rows, inner, bias), new Block(x, 3, count), expected);
        vector.multiply(new Weights(m, rows, inner, bias), new Block(x, 3, count), actual);
        assertThat(actual).isEqualTo(expected);

        float[] v = floats(random, rows * count, 0);
        float[] target = floats(random, rows * inner, 0);
        float[] copy = target.clone();
        scalar.addOuter(-0.3f, new Gradient(v, rows, inner, target), Block.of(x, count), 0, inner);
        vector.addOuter(-0.3f, new Gradient(v, rows, inner, copy), Block.of(x, count), 0, inner);
        assertThat(copy).isEqualTo(target);

        // Two column ranges, one after the other, make the same matrix as the whole range at once.
        float[] halves = floats(new Random(rows), rows * inner, 0);
        float[] whole = halves.clone();
        vector.addOuter(0.9f, new Gradient(v, rows, inner, whole), Block.of(x, count), 0, inner);
        vector.addOuter(0.9f, new Gradient(v, rows, inner, halves), Block.of(x, count), 0, inner / 2);
        vector.addOuter(0.9f, new Gradient(v, rows, inner, halves), Block.of(x, count), inner / 2, inner);
        assertThat(halves).isEqualTo(whole);
    }

    /** Raw 0–255 pixels, on either kernels, against the dense product of the same pixels as floats. */
    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {3, 8, 10, 16, 30, 33, 64, 100})
    void rawPixelProductsAreBitIdenticalToTheFloatProduct(int rows) {
        Kernels vector = VectorKernelsOrSkip.get();
        Random random = new Random(rows);
        int inner = 50; // not a multiple of 8, so the listing's tail runs too
        int count = 7; // a tile of four and a padded tail of three
        ExampleSet images = Examples.random(count + 1, inner, 3, rows);
        byte[] bytes = new byte[(count + 1) * inner];
        float[] floats = new float[count * inner];
        for (int e = 0; e < count + 1; e++) {
            for (int i = 0; i < inner; i++) {
                bytes[e * inner + i] = (byte) images.pixel(e, i);
                if (e > 0) {
                    floats[(e - 1) * inner + i] = images.pixel(e, i) * ExampleSet.PIXEL_SCALE;
                }
            }
        }
        Weights w = new Weights(floats(random, rows * inner, 0), rows, inner, floats(random, rows, 0));
        float[] expected = new float[rows * count];
        vector.multiply(w, Block.of(floats, count), expected);
        float[] fromVector = new float[rows * count];
        float[] fromScalar = new float[rows * count];
        vector.multiply(w, new RawPixels(bytes, inner, count), fromVector);
        scalar.multiply(w, new RawPixels(bytes, inner, count), fromScalar);
        assertThat(fromVector).isEqualTo(expected);
        assertThat(fromScalar).isEqualTo(expected);
    }

    @Test
    void rawPixelsListTheSameNonZerosFromAnOffset() {
        ExampleSet images = Examples.random(5, 37, 3, 9);
        byte[] bytes = new byte[3 + 5 * 37];
        for (int e = 0; e < 5; e++) {
            for (int i = 0; i < 37; i++) {
                bytes[3 + e * 37 + i] = (byte) images.pixel(e, i);
            }
        }
        SparsePixels whole = images.sparse();
        SparsePixels shifted = SparsePixels.of(bytes, 3, 5, 37);
        assertThat(shifted.start()).isEqualTo(whole.start());
        int entries = whole.start()[5];
        assertThat(java.util.Arrays.copyOf(shifted.index(), entries))
                .isEqualTo(java.util.Arrays.copyOf(whole.index(), entries));
        assertThat(java.util.Arrays.copyOf(shifted.value(), entries))
                .isEqualTo(java.util.Arrays.copyOf(whole.value(), entries));
    }

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {3, 8, 10, 30, 64, 100})
    void sparseProductsAreBitIdentical(int rows) {
        Kernels vector = VectorKernelsOrSkip.get();
        Random random = new Random(rows);
        ExampleSet images = Examples.random(6, 50, 3, rows);
        int[] examples = {4, 0, 5, 2};
        float[] m = floats(random, rows * 50, 0);
        float[] expected = new float[rows * 3];
        float[] actual = new float[rows * 3];
        scalar.multiply(
                new Weights(m, rows, 50, null),
                new Images(images.sparse(), examples, 1, 3),
                expected,
                0,
                Kernels.ALL_PIXELS);
        vector.multiply(
                new Weights(m, rows, 50, null),
                new Images(images.sparse(), examples, 1, 3),
                actual,
                0,
                Kernels.ALL_PIXELS);
        assertThat(actual).isEqualTo(expected);

        float[] v = floats(random, rows * 3, 0);
        float[] target = m.clone();
        scalar.addOuter(0.7f, new Gradient(v, rows, 50, m), new Images(images.sparse(), examples, 1, 3), 0, 50);
        vector.addOuter(0.7f, new Gradient(v, rows, 50, target), new Images(images.sparse(), examples, 1, 3), 0, 50);
        assertThat(target).isEqualTo(m);

        float[] halves = m.clone();
        float[] whole = m.clone();
        vector.addOuter(0.7f, new Gradient(v, rows, 50, whole), new Images(images.sparse(), examples, 1, 3), 0, 50);
        vector.addOuter(0.7f, new Gradient(v, rows, 50, halves), new Images(images.sparse(), examples, 1, 3), 0, 23);
        vector.addOuter(0.7f, new Gradient(v, rows, 50, halves), new Images(images.sparse(), examples, 1, 3), 23, 50);
        assertThat(halves).isEqualTo(whole);
        float[] scalarHalves = m.clone();
        scalar.addOuter(
                0.7f, new Gradient(v, rows, 50, scalarHalves), new Images(images.sparse(), examples, 1, 3), 0, 23);
        scalar.addOuter(
                0.7f, new Gradient(v, rows, 50, scalarHalves), new Images(images.sparse(), examples, 1, 3), 23, 50);
        assertThat(scalarHalves).isEqualTo(whole);
    }

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = {1, 7, 8, 9, 64, 101})
    void reluForwardAndBackwardAreBitIdenticalEvenOnZerosSubnormalsAndNaN(int n) {
        Kernels vector = VectorKernelsOrSkip.get();
        Random random = new Random(n);
        float[] z = floats(random, n, 0.2);
        float[] g = floats(random, n, 0.1);
        float[] specials = {-0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.NaN, Float.MIN_NORMAL, 1e-39f};
        for (int k = 0; k < Math.min(n, specials.length); k++) {
            z[k] = specials[k];
            g[n - 1 - k] = specials[k];
        }
        float[] expected = new float[n];
        float[] actual = new float[n];
        scalar.relu(z, expected, n);
        vector.relu(z, actual, n);
        assertThat(actual).as("forward").isEqualTo(expected);
        assertThat(expected).as("subnormals flushed, NaN kept").doesNotContain(Float.MIN_VALUE, 1e-39f);
        scalar.reluBackward(z, g, expected, n);
        vector.reluBackward(z, g, actual, n);
        assertThat(actual).as("backward").isEqualTo(expected);
    }

    @Test
    void theVectorSigmoidIsWithinFourUlpsOfMathExpAndFlushesSubnormals() {
        Kernels vector = VectorKernelsOrSkip.get();
        float[] z = SigmoidReport.input();
        float[] expected = new float[z.length];
        float[] actual = new float[z.length];
        scalar.sigmoid(z, expected, z.length);
        vector.sigmoid(z, actual, z.length);
        for (int k = 0; k < z.length; k++) {
            assertThat(actual[k]).as("σ(%s)", z[k]).isCloseTo(expected[k], within(4 * Math.ulp(expected[k])));
            assertThat(actual[k] == 0 || actual[k] >= Float.MIN_NORMAL).isTrue();
        }
    }

    /**
     * The interpreter runs the Vector API's lanes in Java and the JIT as machine vectors: the sigmoid must
     * round the same in both, or the weights would depend on when the JIT compiled the loop.
     */
    @Test
    void theVectorSigmoidGivesTheSameBitsInterpretedAndCompiled() throws Exception {
        Kernels vector = VectorKernelsOrSkip.get();
        int compiled = 0;
        for (int k = 0; k < 300; k++) {
            compiled = SigmoidReport.hash(vector);
        }
        String output = JvmOfItsOwn.run(SigmoidReport.class, "-Xint", "--add-modules", "jdk.incubator.vector");
        assertThat(output).contains("sigmoid hash: " + compiled);
    }

    private static float[] floats(Random random, int length, double zeros) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = random.nextDouble() < zeros ? 0f : (float) random.nextGaussian();
        }
        return values;
    }
}
