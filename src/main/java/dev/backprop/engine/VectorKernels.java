package dev.backprop.engine;

import dev.backprop.engine.ExampleSet.SparsePixels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK's Vector API, 8 floats a vector.
 *
 * <p>A column of {@code rows} values is covered by up to four vectors at once (a "chunk"), held in
 * registers while the inner loop runs over the inputs, so each output is loaded and stored once per
 * chunk instead of once per input. When {@code rows} is not a multiple of 8, the last vector of a
 * chunk is moved back to end exactly at the chunk's end and overlaps the one before; the overlapping
 * lanes compute the same values twice, so no masks and no padding are needed. In {@code addOuter} all
 * of a chunk's vectors are loaded before any is stored, so an overlapping lane is never updated twice.
 *
 * <p>The two- and four-vector loops are methods of their own: when they shared one, C2 sometimes
 * compiled a slower version for the JVM's whole life (a batch of 10,000 predictions took 30 ms instead of
 * 19 ms in one run out of three).
 *
 * <p>Measured on the seed network (784-30-10, batch 10, JDK 17): an epoch takes 0.14–0.15 s, against
 * 0.62 s with {@link ScalarKernels}, whose short loops the JIT leaves unvectorised.
 */
final class VectorKernels implements Kernels {

    /** 256 bits: on the seed network 512-bit vectors measured 10–20% slower (0.16–0.22 s an epoch against 0.14–0.19 s). */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    static final int L = S.length();
    private static final int CHUNK = 4 * L;

    private final ScalarKernels narrow = new ScalarKernels();

    /** Whether the hardware has 256-bit vectors; without them the API would emulate them slowly. */
    boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    /** The end of the chunk starting at {@code start}: at most 4 vectors, and never leaving less than one after it. */
    static int chunkEnd(int start, int rows) {
        int end = Math.min(start + CHUNK, rows);
        int left = rows - end;
        return left > 0 && left < L ? rows - L : end;
    }

    static int offset(int start, int end, int block) {
        return Math.min(start + block * L, end - L);
    }

    static FloatVector init(float[] bias, int offset) {
        return bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, offset);
    }

    @Override
    public void multiply(float[] m, int rows, int inner, float[] bias, float[] x, int xOffset, float[] out, int count) {
        if (rows < L) {
            narrow.multiply(m, rows, inner, bias, x, xOffset, out, count);
            return;
        }
        int[] index = new int[inner];
        float[] largest = new float[L];
        int c = 0;
        for (; c + VectorTileKernels.EXAMPLES <= count; c += VectorTileKernels.EXAMPLES) {
            VectorTileKernels.multiplyFour(m, rows, inner, bias, x, xOffset + c * inner, out, c * rows, index, largest);
        }
        for (; c < count; c++) {
            int from = xOffset + c * inner;
            gather(m, rows, bias, x, from, index, compact(x, from, inner, index), out, c * rows);
        }
    }

    /**
     * Lists where the non-zero entries of one input column are, in order. The bits of 8 inputs are
     * OR-ed together first, so the long runs of background in an image cost one test per 8 pixels; within
     * a block, +1 unless ±0 is counted without a branch, which would mispredict once saturated units start
     * to output exact zeros. Only positions are written: writing the values too made this loop, half of
     * a batch prediction's time, 1.7 times slower. Kept apart from the vector loop because C2 (JDK 17)
     * falls back to the slow, boxed Vector API when a vector accumulator flows through a branch.
     */
    static int compact(float[] x, int from, int length, int[] index) {
        int count = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            int o = from + i;
            int bits = Float.floatToRawIntBits(x[o])
                    | Float.floatToRawIntBits(x[o + 1])
                    | Float.floatToRawIntBits(x[o + 2])
                    | Float.floatToRawIntBits(x[o + 3])
                    | Float.floatToRawIntBits(x[o + 4])
                    | Float.floatToRawIntBits(x[o + 5])
                    | Float.floatToRawIntBits(x[o + 6])
                    | Float.floatToRawIntBits(x[o + 7]);
            if ((bits & 0x7FFFFFFF) != 0) {
                for (int k = i; k < i + 8; k++) {
                    index[count] = k;
                    count += nonZero(x[from + k]);
                }
            }
        }
        for (; i < length; i++) {
            index[count] = i;
            count += nonZero(x[from + i]);
        }
        return count;
    }

    /** 1 unless the value is ±0, without a branch. */
    private static int nonZero(float value) {
        return ((Float.floatToRawIntBits(value) & 0x7FFFFFFF) + 0x7FFFFFFF) >>> 31;
    }

    /** {@code out[column + ·] = init + Σ_k x[from + index[k]] · M[:, index[k]]}, chunk by chunk. */
    private static void gather(
            float[] m, int rows, float[] bias, float[] x, int from, int[] index, int count, float[] out, int column) {
        for (int start = 0, end; start < rows; start = end) {
            end = chunkEnd(start, rows);
            if (end - start <= 2 * L) {
                gatherTwo(
                        m,
                        rows,
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
                gatherFour(m, rows, bias, x, from, index, count, out, column, start, end);
            }
        }
    }

    private static void gatherTwo(
            float[] m,
            int rows,
            float[] bias,
            float[] x,
            int from,
            int[] index,
            int count,
            float[] out,
            int column,
            int o0,
            int o1) {
        FloatVector a0 = init(bias, o0);
        FloatVector a1 = init(bias, o1);
        for (int k = 0; k < count; k++) {
            FloatVector b = FloatVector.broadcast(S, x[from + index[k]]);
            int base = index[k] * rows;
            a0 = b.fma(FloatVector.fromArray(S, m, base + o0), a0);
            a1 = b.fma(FloatVector.fromArray(S, m, base + o1), a1);
        }
        a0.intoArray(out, column + o0);
        a1.intoArray(out, column + o1);
    }

    private static void gatherFour(
            float[] m,
            int rows,
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
        FloatVector a0 = init(bias, o0);
        FloatVector a1 = init(bias, o1);
        FloatVector a2 = init(bias, o2);
        FloatVector a3 = init(bias, o3);
        for (int k = 0; k < count; k++) {
            FloatVector b = FloatVector.broadcast(S, x[from + index[k]]);
            int base = index[k] * rows;
            a0 = b.fma(FloatVector.fromArray(S, m, base + o0), a0);
            a1 = b.fma(FloatVector.fromArray(S, m, base + o1), a1);
            a2 = b.fma(FloatVector.fromArray(S, m, base + o2), a2);
            a3 = b.fma(FloatVector.fromArray(S, m, base + o3), a3);
        }
        a0.intoArray(out, column + o0);
        a1.intoArray(out, column + o1);
        a2.intoArray(out, column + o2);
        a3.intoArray(out, column + o3);
    }

    @Override
    public void multiply(
            float[] m,
            int rows,
            float[] bias,
            SparsePixels x,
            int[] examples,
            int from,
            float[] out,
            int count,
            int lo,
            int hi) {
        if (rows < L) {
            narrow.multiply(m, rows, bias, x, examples, from, out, count, lo, hi);
        } else {
            VectorPixelKernels.multiply(m, rows, bias, x, examples, from, out, count, lo, hi);
        }
    }

    @Override
    public void addOuter(
            float scale,
            float[] v,
            int rows,
            SparsePixels x,
            int[] examples,
            int from,
            int count,
            int lo,
            int hi,
            float[] m) {
        if (rows < L) {
            narrow.addOuter(scale, v, rows, x, examples, from, count, lo, hi, m);
        } else {
            VectorPixelKernels.addOuter(scale, v, rows, x, examples, from, count, lo, hi, m);
        }
    }

    @Override
    public void addOuter(float scale, float[] v, int rows, float[] x, int inner, int count, int lo, int hi, float[] m) {
        if (rows < L) {
            narrow.addOuter(scale, v, rows, x, inner, count, lo, hi, m);
            return;
        }
        int[] index = new int[hi - lo];
        for (int c = 0; c < count; c++) {
            int from = c * inner + lo;
            VectorOuterKernels.scatter(
                    v, c * rows, rows, scale, x, from, lo, index, compact(x, from, hi - lo, index), m);
        }
    }

    /**
     * The sigmoid through {@link #exp}: 400 of them a step were a fifth of the seed network's epoch
     * with {@code Math.exp} (9 ns a value, against about 1). The tail goes through the same function,
     * masked, so a value's bits do not depend on where it sits.
     */
    @Override
    public void sigmoid(float[] z, float[] a, int n) {
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += L) {
            sigmoid(FloatVector.fromArray(S, z, k)).intoArray(a, k);
        }
        if (k < n) {
            VectorMask<Float> tail = S.indexInRange(k, n);
            sigmoid(FloatVector.fromArray(S, z, k, tail)).intoArray(a, k, tail);
        }
    }

    private static FloatVector sigmoid(FloatVector z) {
        FloatVector s = FloatVector.broadcast(S, 1f).div(exp(z.neg()).add(1f));
        return s.blend(0f, s.lt(Float.MIN_NORMAL));
    }

    /**
     * {@code e^x} to about an ulp, from additions, multiplications and bit shifts alone (Cephes' expf:
     * {@code x = n·ln 2 + r}, a degree-6 polynomial in r, times {@code 2ⁿ}). Not the Vector API's EXP:
     * compiled, that is the JDK's SVML stub, but interpreted, {@code Math.exp} lane by lane, and the two
     * differ in the last bit, so the weights would depend on when the JIT got to the loop. These
     * operations round the same either way.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(-87.33f).min(88f); // e^88 is still a float; the sigmoid flushes what is smaller
        // n = round(v·log₂e): adding 1.5·2²³ leaves the rounded value in the low bits of the mantissa.
        FloatVector shifted = v.fma(FloatVector.broadcast(S, 1.44269504f), FloatVector.broadcast(S, 12582912f));
        FloatVector n = shifted.sub(12582912f);
        FloatVector r = n.fma(FloatVector.broadcast(S, -0.693359375f), v);
        r = n.fma(FloatVector.broadcast(S, 2.12194440e-4f), r);
        FloatVector p = r.fma(FloatVector.broadcast(S, 1.9875691500e-4f), FloatVector.broadcast(S, 1.3981999507e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201e-1f));
        p = p.fma(r.mul(r), r).add(1f);
        IntVector exponent =
                shifted.reinterpretAsInts().sub(0x4B400000).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(exponent.reinterpretAsFloats());
    }

    /** Masked blends instead of a branch that mispredicts on half the units: 0.014 ms against 0.5 for 512×256 values. */
    @Override
    public void relu(float[] z, float[] a, int n) {
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += L) {
            FloatVector v = FloatVector.fromArray(S, z, k).max(0f);
            v.blend(0f, v.lt(Float.MIN_NORMAL)).intoArray(a, k);
        }
        narrow.relu(z, a, k, n);
    }

    @Override
    public void reluBackward(float[] z, float[] gradA, float[] gradZ, int n) {
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += L) {
            FloatVector g = FloatVector.fromArray(S, gradA, k);
            var passes = FloatVector.fromArray(S, z, k)
                    .compare(VectorOperators.GT, 0f)
                    .andNot(g.abs().lt(Float.MIN_NORMAL));
            FloatVector.zero(S).blend(g, passes).intoArray(gradZ, k);
        }
        narrow.reluBackward(z, gradA, gradZ, k, n);
    }
}
