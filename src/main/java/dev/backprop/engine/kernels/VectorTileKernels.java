package dev.backprop.engine.kernels;

import static dev.backprop.engine.kernels.VectorKernels.L;
import static dev.backprop.engine.kernels.VectorKernels.S;
import static dev.backprop.engine.kernels.VectorKernels.chunkEnd;
import static dev.backprop.engine.kernels.VectorKernels.init;
import static dev.backprop.engine.kernels.VectorKernels.offset;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link VectorKernels}' dense product four examples at a time: the inputs that are zero in all four
 * are listed out once for the four, and each weight row loaded serves four examples. Listing each
 * example's zeros on its own was 60% of a batch prediction (10,000 images through the seed network);
 * every element still sums the same non-zero terms in the same order, each with an {@code fma} (a zero
 * of one example among non-zeros of the others adds {@code 0·w}, which changes no sum).
 */
final class VectorTileKernels {

    static final int EXAMPLES = 4;

    private VectorTileKernels() {}

    /**
     * Examples {@code [c, c + 4)} of {@code VectorKernels.multiply}; {@code index} holds {@code inner +
     * NonZeroBlocks.BLOCK} entries, scratch space the caller allocates once for all the tiles.
     */
    static void multiplyFour(
            float[] m, int rows, int inner, float[] bias, float[] x, int from, float[] out, int column, int[] index) {
        int count = listNonZero(x, from, inner, index);
        for (int start = 0, end; start < rows; start = end) {
            end = chunkEnd(start, rows);
            if (end - start <= 2 * L) {
                two(
                        m,
                        rows,
                        inner,
                        bias,
                        x,
                        from,
                        index,
                        count,
                        out,
                        column,
                        offset(start, end, 0),
                        offset(start, end, 1));
            } else {
                four(m, rows, inner, bias, x, from, index, count, out, column, start, end);
            }
        }
    }

    /**
     * Where any of the four examples starting at {@code from} (each {@code inner} long) is non-zero, in
     * order. The largest magnitude of eight inputs of the four is taken at once, and a block that is all zeros, the
     * background of an image, costs one test.
     */
    private static int listNonZero(float[] x, int from, int inner, int[] index) {
        int count = 0;
        int i = 0;
        for (; i + L <= inner; i += L) {
            int o = from + i;
            FloatVector any = FloatVector.fromArray(S, x, o)
                    .abs()
                    .max(FloatVector.fromArray(S, x, o + inner).abs())
                    .max(FloatVector.fromArray(S, x, o + 2 * inner).abs())
                    .max(FloatVector.fromArray(S, x, o + 3 * inner).abs());
            if (any.compare(VectorOperators.NE, 0f).anyTrue()) {
                count = NonZeroBlocks.append(index, count, i, NonZeroBlocks.nonZeroLanes(any));
            }
        }
        for (; i < inner; i++) {
            int o = from + i;
            int all = (Float.floatToRawIntBits(x[o])
                            | Float.floatToRawIntBits(x[o + inner])
                            | Float.floatToRawIntBits(x[o + 2 * inner])
                            | Float.floatToRawIntBits(x[o + 3 * inner]))
                    & 0x7FFFFFFF;
            index[count] = i;
            count += (all + 0x7FFFFFFF) >>> 31;
        }
        return count;
    }

    private static void two(
            float[] m,
            int rows,
            int inner,
            float[] bias,
            float[] x,
            int from,
            int[] index,
            int count,
            float[] out,
            int column,
            int o0,
            int o1) {
        FloatVector a00 = init(bias, o0), a01 = init(bias, o1);
        FloatVector a10 = a00, a11 = a01, a20 = a00, a21 = a01, a30 = a00, a31 = a01;
        for (int k = 0; k < count; k++) {
            int i = index[k];
            int base = i * rows;
            FloatVector w0 = FloatVector.fromArray(S, m, base + o0);
            FloatVector w1 = FloatVector.fromArray(S, m, base + o1);
            FloatVector b0 = FloatVector.broadcast(S, x[from + i]);
            FloatVector b1 = FloatVector.broadcast(S, x[from + inner + i]);
            FloatVector b2 = FloatVector.broadcast(S, x[from + 2 * inner + i]);
            FloatVector b3 = FloatVector.broadcast(S, x[from + 3 * inner + i]);
            a00 = b0.fma(w0, a00);
            a01 = b0.fma(w1, a01);
            a10 = b1.fma(w0, a10);
            a11 = b1.fma(w1, a11);
            a20 = b2.fma(w0, a20);
            a21 = b2.fma(w1, a21);
            a30 = b3.fma(w0, a30);
            a31 = b3.fma(w1, a31);
        }
        a00.intoArray(out, column + o0);
        a01.intoArray(out, column + o1);
        a10.intoArray(out, column + rows + o0);
        a11.intoArray(out, column + rows + o1);
        a20.intoArray(out, column + 2 * rows + o0);
        a21.intoArray(out, column + 2 * rows + o1);
        a30.intoArray(out, column + 3 * rows + o0);
        a31.intoArray(out, column + 3 * rows + o1);
    }

    private static void four(
            float[] m,
            int rows,
            int inner,
            float[] bias,
            float[] x,
            int from,
            int[] index,
            int count,
            float[] out,
            int column,
            int start,
            int end) {
        // Two examples at a time here: four examples by four vectors want more registers than AVX2 has.
        for (int pair = 0; pair < EXAMPLES; pair += 2) {
            fourByTwo(
                    m, rows, inner, bias, x, from + pair * inner, index, count, out, column + pair * rows, start, end);
        }
    }

    private static void fourByTwo(
            float[] m,
            int rows,
            int inner,
            float[] bias,
            float[] x,
            int from,
            int[] index,
            int count,
            float[] out,
            int column,
            int start,
            int end) {
        int o0 = offset(start, end, 0);
        int o1 = offset(start, end, 1);
        int o2 = offset(start, end, 2);
        int o3 = offset(start, end, 3);
        FloatVector a00 = init(bias, o0), a01 = init(bias, o1), a02 = init(bias, o2), a03 = init(bias, o3);
        FloatVector a10 = a00, a11 = a01, a12 = a02, a13 = a03;
        for (int k = 0; k < count; k++) {
            int i = index[k];
            int base = i * rows;
            FloatVector w0 = FloatVector.fromArray(S, m, base + o0);
            FloatVector w1 = FloatVector.fromArray(S, m, base + o1);
            FloatVector w2 = FloatVector.fromArray(S, m, base + o2);
            FloatVector w3 = FloatVector.fromArray(S, m, base + o3);
            FloatVector b0 = FloatVector.broadcast(S, x[from + i]);
            FloatVector b1 = FloatVector.broadcast(S, x[from + inner + i]);
            a00 = b0.fma(w0, a00);
            a01 = b0.fma(w1, a01);
            a02 = b0.fma(w2, a02);
            a03 = b0.fma(w3, a03);
            a10 = b1.fma(w0, a10);
            a11 = b1.fma(w1, a11);
            a12 = b1.fma(w2, a12);
            a13 = b1.fma(w3, a13);
        }
        a00.intoArray(out, column + o0);
        a01.intoArray(out, column + o1);
        a02.intoArray(out, column + o2);
        a03.intoArray(out, column + o3);
        a10.intoArray(out, column + rows + o0);
        a11.intoArray(out, column + rows + o1);
        a12.intoArray(out, column + rows + o2);
        a13.intoArray(out, column + rows + o3);
    }
}
