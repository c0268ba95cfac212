package dev.backprop.engine.kernels;

import static dev.backprop.engine.kernels.VectorKernels.S;
import static dev.backprop.engine.kernels.VectorKernels.chunkEnd;
import static dev.backprop.engine.kernels.VectorKernels.init;
import static dev.backprop.engine.kernels.VectorKernels.offset;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * {@link VectorTileKernels}' dense product with raw 0–255 pixels for input ({@link RawPixels}): four images
 * at a time, the pixels where any of the four has ink listed once, each weight row loaded serving the four.
 * Each pixel becomes the float {@link Kernels#pixel} makes and each sum takes the same non-zero terms in
 * the same order, so the answer is the float product's to the bit; but it reads a byte a pixel instead of
 * four, which is what bounds a batch prediction of the seed network.
 */
final class VectorRawPixelKernels {

    private static final int EXAMPLES = VectorTileKernels.EXAMPLES;
    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private VectorRawPixelKernels() {}

    /** {@code out[:, c] = b + W·pixel(x[:, c])} for every image; rows ≥ 8. */
    static void multiply(Weights w, RawPixels x, float[] out) {
        int rows = w.units();
        int inner = w.inputs();
        int[] index = new int[inner + NonZeroBlocks.BLOCK];
        int c = 0;
        for (; c + EXAMPLES <= x.count(); c += EXAMPLES) {
            multiplyFour(w, x.values(), x.offset() + c * inner, out, c * rows, index);
        }
        int left = x.count() - c;
        if (left > 0) {
            // The last few images padded with blank ones into a tile of four, whose extra columns are dropped.
            byte[] padded = new byte[EXAMPLES * inner];
            System.arraycopy(x.values(), x.offset() + c * inner, padded, 0, left * inner);
            float[] tile = new float[EXAMPLES * rows];
            multiplyFour(w, padded, 0, tile, 0, index);
            System.arraycopy(tile, 0, out, c * rows, left * rows);
        }
    }

    private static void multiplyFour(Weights w, byte[] x, int from, float[] out, int column, int[] index) {
        int rows = w.units();
        int inner = w.inputs();
        int count = listNonZero(x, from, inner, index);
        for (int start = 0, end; start < rows; start = end) {
            end = chunkEnd(start, rows);
            for (int pair = 0; pair < EXAMPLES; pair += 2) {
                byTwo(w, x, from + pair * inner, index, count, out, column + pair * rows, start, end);
            }
        }
    }

    /** Where any of the four images from {@code from} has ink, in order; eight pixels of background cost one test. */
    private static int listNonZero(byte[] x, int from, int inner, int[] index) {
        int count = 0;
        int i = 0;
        for (; i + Long.BYTES <= inner; i += Long.BYTES) {
            int o = from + i;
            long any = (long) EIGHT_BYTES.get(x, o)
                    | (long) EIGHT_BYTES.get(x, o + inner)
                    | (long) EIGHT_BYTES.get(x, o + 2 * inner)
                    | (long) EIGHT_BYTES.get(x, o + 3 * inner);
            if (any != 0) {
                count = NonZeroBlocks.append(index, count, i, NonZeroBlocks.nonZeroBytes(any));
            }
        }
        for (; i < inner; i++) {
            int o = from + i;
            index[count] = i;
            count += ((x[o] | x[o + inner] | x[o + 2 * inner] | x[o + 3 * inner]) & 0xFF) + 0xFF >>> 8;
        }
        return count;
    }

    /**
     * Two images by up to four vectors of rows {@code [start, end)}; four images at once want more registers
     * than AVX2 has. Chunks of two vectors or less compute their overlapping lanes twice, the same values.
     */
    private static void byTwo(
            Weights w, byte[] x, int from, int[] index, int count, float[] out, int column, int start, int end) {
        float[] m = w.values();
        int rows = w.units();
        int inner = w.inputs();
        int o0 = offset(start, end, 0);
        int o1 = offset(start, end, 1);
        int o2 = offset(start, end, 2);
        int o3 = offset(start, end, 3);
        FloatVector a00 = init(w.bias(), o0), a01 = init(w.bias(), o1), a02 = init(w.bias(), o2);
        FloatVector a03 = init(w.bias(), o3);
        FloatVector a10 = a00, a11 = a01, a12 = a02, a13 = a03;
        for (int k = 0; k < count; k++) {
            int i = index[k];
            int base = i * rows;
            FloatVector w0 = FloatVector.fromArray(S, m, base + o0);
            FloatVector w1 = FloatVector.fromArray(S, m, base + o1);
            FloatVector w2 = FloatVector.fromArray(S, m, base + o2);
            FloatVector w3 = FloatVector.fromArray(S, m, base + o3);
            FloatVector b0 = FloatVector.broadcast(S, Kernels.pixel(x[from + i]));
            FloatVector b1 = FloatVector.broadcast(S, Kernels.pixel(x[from + inner + i]));
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
