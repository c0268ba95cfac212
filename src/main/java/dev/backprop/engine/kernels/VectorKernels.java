package dev.backprop.engine.kernels;

import jdk.incubator.vector.FloatVector;
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
    public void multiply(Weights w, Block block, float[] out) {
        int rows = w.units();
        if (rows < L) {
            narrow.multiply(w, block, out);
            return;
        }
        float[] m = w.values();
        int inner = w.inputs();
        float[] bias = w.bias();
        float[] x = block.values();
        int xOffset = block.offset();
        int count = block.count();
        int[] index = new int[inner + NonZeroBlocks.BLOCK];
        int c = 0;
        for (; c + VectorTileKernels.EXAMPLES <= count; c += VectorTileKernels.EXAMPLES) {
            VectorTileKernels.multiplyFour(m, rows, inner, bias, x, xOffset + c * inner, out, c * rows, index);
        }
        for (; c < count; c++) {
            int from = xOffset + c * inner;
            gather(m, rows, bias, x, from, index, NonZeros.compact(x, from, inner, index), out, c * rows);
        }
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
    public void multiply(Weights w, RawPixels x, float[] out) {
        if (w.units() < L) {
            narrow.multiply(w, x, out);
        } else {
            VectorRawPixelKernels.multiply(w, x, out);
        }
    }

    @Override
    public void multiply(Weights w, Images x, float[] out, int lo, int hi) {
        if (w.units() < L) {
            narrow.multiply(w, x, out, lo, hi);
        } else {
            VectorPixelKernels.multiply(
                    w.values(), w.units(), w.bias(), x.pixels(), x.examples(), x.from(), out, x.count(), lo, hi);
        }
    }

    @Override
    public void addOuter(float scale, Gradient g, Images x, int lo, int hi) {
        if (g.units() < L) {
            narrow.addOuter(scale, g, x, lo, hi);
        } else {
            VectorPixelKernels.addOuter(
                    scale, g.delta(), g.units(), x.pixels(), x.examples(), x.from(), x.count(), lo, hi, g.target());
        }
    }

    @Override
    public void addOuter(float scale, Gradient g, Block block, int lo, int hi) {
        int rows = g.units();
        if (rows < L) {
            narrow.addOuter(scale, g, block, lo, hi);
            return;
        }
        float[] v = g.delta();
        float[] x = block.values();
        float[] m = g.target();
        int[] index = new int[hi - lo];
        for (int c = 0; c < block.count(); c++) {
            int from = block.offset() + c * g.inputs() + lo;
            VectorOuterKernels.scatter(
                    v, c * rows, rows, scale, x, from, lo, index, NonZeros.compact(x, from, hi - lo, index), m);
        }
    }

    @Override
    public void sigmoid(float[] z, float[] a, int n) {
        VectorActivations.sigmoid(z, a, n);
    }

    @Override
    public void relu(float[] z, float[] a, int n) {
        VectorActivations.relu(z, a, n);
    }

    @Override
    public void reluBackward(float[] z, float[] gradA, float[] gradZ, int n) {
        VectorActivations.reluBackward(z, gradA, gradZ, n);
    }

    @Override
    public void widen(byte[] x, int from, float[] y, int to, int n) {
        VectorDistortionKernels.widen(x, from, y, to, n);
    }

    @Override
    public void points(Grid grid, float[] xs, float[] ys) {
        if (grid.acrossX().length < L) {
            narrow.points(grid, xs, ys);
        } else {
            VectorDistortionKernels.points(grid, xs, ys);
        }
    }

    @Override
    public void addScaled(float weight, float[] x, int from, float[] y, int n) {
        VectorDistortionKernels.addScaled(weight, x, from, y, n);
    }

    @Override
    public void sample(PaddedImage image, float[] xs, float[] ys, int n, byte[] target, int to) {
        VectorDistortionKernels.sample(image, xs, ys, n, target, to);
    }
}
