package dev.backprop.engine.kernels;

import static dev.backprop.engine.kernels.VectorKernels.L;
import static dev.backprop.engine.kernels.VectorKernels.S;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DistortionKernels} on the Vector API. Sampling takes eight points at a time, bit for bit as
 * {@link ScalarKernels#sample}: the same float operations in the same order, the four neighbours gathered
 * by index. Eight points all outside the ink's box (most of an image's background) give zeros without
 * any interpolation.
 *
 * <p>Sampling runs in three passes where one loop could do it all, each called through an enum's method
 * so that C2 compiles it alone: in one loop, or with the passes inlined into one caller, C2 ran out of its
 * node budget before inlining the last operations, which then boxed every vector, and the whole ran up to
 * three times slower than plain loops.
 */
final class VectorDistortionKernels {

    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final float TWO_TO_23 = 0x1p23f;
    private static final int TWO_TO_23_BITS = Float.floatToIntBits(TWO_TO_23);

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private enum Pass {
        LOCATE {
            @Override
            void run(Work work) {
                locate(work);
            }
        },
        INTERPOLATE {
            @Override
            void run(Work work) {
                interpolate(work);
            }
        },
        ROUND {
            @Override
            void run(Work work) {
                round(work);
            }
        };

        abstract void run(Work work);
    }

    /** Not inlined into one another: C2 inlines a call site of at most two receivers, and this one has three. */
    private static final Pass[] PASSES = Pass.values();

    /** One thread's call: its arguments, and per point the fractions, neighbours and value. */
    private static final class Work {
        PaddedImage image;
        float[] xs;
        float[] ys;
        int end;
        byte[] target;
        int to;
        float[] fx = new float[0];
        float[] fy = new float[0];
        int[] at = new int[0];
        float[] value = new float[0];
        /** Per block of eight points: whether any lies near the ink. */
        boolean[] near = new boolean[0];

        Work of(PaddedImage image, float[] xs, float[] ys, int end, byte[] target, int to) {
            this.image = image;
            this.xs = xs;
            this.ys = ys;
            this.end = end;
            this.target = target;
            this.to = to;
            if (fx.length < end) {
                fx = new float[end];
                fy = new float[end];
                at = new int[end];
                value = new float[end];
                near = new boolean[end / L];
            }
            return this;
        }
    }

    private VectorDistortionKernels() {}

    /** Each row in vectors, the last moved back to end at the row's end (its overlap written twice, alike). */
    static void points(Grid grid, float[] xs, float[] ys) {
        int width = grid.acrossX().length;
        for (int y = 0; y < grid.downX().length; y++) {
            FloatVector downX = FloatVector.broadcast(S, grid.downX()[y]);
            FloatVector downY = FloatVector.broadcast(S, grid.downY()[y]);
            int row = y * width;
            for (int x = 0; x < width; x += L) {
                int at = Math.min(x, width - L);
                FloatVector.fromArray(S, grid.acrossX(), at).sub(downX).intoArray(xs, row + at);
                FloatVector.fromArray(S, grid.acrossY(), at).add(downY).intoArray(ys, row + at);
            }
        }
    }

    /** Eight bytes at a time, the last eight moved back to end at {@code n} (the overlap written twice, alike). */
    static void widen(byte[] x, int from, float[] y, int to, int n) {
        if (n < L) {
            ScalarKernels.widen(x, from, y, to, 0, n);
            return;
        }
        for (int i = 0; i < n; i += L) {
            int at = Math.min(i, n - L);
            IntVector bytes = (IntVector) ByteVector.fromArray(B, x, from + at).convertShape(VectorOperators.B2I, I, 0);
            ((FloatVector) bytes.and(0xFF).convertShape(VectorOperators.I2F, S, 0)).intoArray(y, to + at);
        }
    }

    static void addScaled(float weight, float[] x, int from, float[] y, int n) {
        FloatVector w = FloatVector.broadcast(S, weight);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, y, i)
                    .add(w.mul(FloatVector.fromArray(S, x, from + i)))
                    .intoArray(y, i);
        }
        ScalarKernels.addScaled(weight, x, from, y, i, n);
    }

    static void sample(PaddedImage image, float[] xs, float[] ys, int n, byte[] target, int to) {
        int end = S.loopBound(n);
        Work work = WORK.get().of(image, xs, ys, end, target, to);
        for (Pass pass : PASSES) {
            pass.run(work);
        }
        work.image = null;
        work.target = null;
        ScalarKernels.sample(image, xs, ys, end, n, target, to);
    }

    /**
     * Each point's fractions and the position of its top-left neighbour in the copy. A point
     * far from the ink is moved to (−1, −1), on the copy's border: with fractions 0 it interpolates to
     * exactly the border's 0 there, so the later passes need no mask.
     */
    private static void locate(Work work) {
        PaddedImage image = work.image;
        FloatVector outside = FloatVector.broadcast(S, -1f);
        float side = image.side();
        for (int i = 0; i < work.end; i += L) {
            FloatVector x = FloatVector.fromArray(S, work.xs, i);
            FloatVector y = FloatVector.fromArray(S, work.ys, i);
            VectorMask<Float> near = x.compare(VectorOperators.GT, image.left())
                    .and(x.compare(VectorOperators.LT, image.right()))
                    .and(y.compare(VectorOperators.GT, image.top()))
                    .and(y.compare(VectorOperators.LT, image.bottom()));
            boolean any = near.anyTrue();
            work.near[i / L] = any;
            if (!any) {
                continue;
            }
            x = outside.blend(x, near);
            y = outside.blend(y, near);
            // x, y ≥ −1 here, so x + 1 is floored as the scalar loop truncates it.
            FloatVector x0 = floor(x.add(1f)).sub(1f);
            FloatVector y0 = floor(y.add(1f)).sub(1f);
            x.sub(x0).intoArray(work.fx, i);
            y.sub(y0).intoArray(work.fy, i);
            toInts(y0.add(1f).mul(side).add(x0).add(1f)).intoArray(work.at, i);
        }
    }

    /** Each block's interpolated values, or zeros for a block far from the ink. */
    private static void interpolate(Work work) {
        float[] padded = work.image.pixels();
        int side = work.image.side();
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        int[] at = work.at;
        for (int i = 0; i < work.end; i += L) {
            if (!work.near[i / L]) {
                zero.intoArray(work.value, i);
                continue;
            }
            FloatVector fx = FloatVector.fromArray(S, work.fx, i);
            FloatVector fy = FloatVector.fromArray(S, work.fy, i);
            FloatVector gx = one.sub(fx);
            FloatVector top = gx.mul(FloatVector.fromArray(S, padded, 0, at, i))
                    .add(fx.mul(FloatVector.fromArray(S, padded, 1, at, i)));
            FloatVector bottom = gx.mul(FloatVector.fromArray(S, padded, side, at, i))
                    .add(fx.mul(FloatVector.fromArray(S, padded, side + 1, at, i)));
            one.sub(fy).mul(top).add(fy.mul(bottom)).intoArray(work.value, i);
        }
    }

    /**
     * The values rounded half up, as {@link ScalarKernels#round}, into bytes. Adding 2²³ rounds a value in
     * [0, 2²²) to the nearest whole number, ties to even, and leaves that number in its low bits; a value
     * exactly half-way (v − nearest is exact) then goes up one.
     */
    private static void round(Work work) {
        for (int i = 0; i < work.end; i += L) {
            FloatVector value = FloatVector.fromArray(S, work.value, i);
            FloatVector shifted = value.add(TWO_TO_23);
            VectorMask<Float> tie = value.sub(shifted.sub(TWO_TO_23)).compare(VectorOperators.EQ, 0.5f);
            Vector<Byte> bytes = shifted.add(1f, tie).reinterpretAsInts().convertShape(VectorOperators.I2B, B, 0);
            ((ByteVector) bytes).intoArray(work.target, work.to + i);
        }
    }

    /**
     * ⌊v⌋ of values in [0, 2²²), in float. Adding 2²³ rounds a value to a whole number (floats from 2²³ to
     * 2²⁴ are exactly the whole numbers), and a value that rounded up steps back one. Java 17's C2 does not
     * compile the Vector API's float-to-int conversion: it ran 1,000 times slower than this.
     */
    private static FloatVector floor(FloatVector v) {
        FloatVector nearest = v.add(TWO_TO_23).sub(TWO_TO_23);
        return nearest.sub(1f, nearest.compare(VectorOperators.GT, v));
    }

    /** The ints of whole numbers in [0, 2²²), held in floats: 2²³ + k has k in its low bits. */
    private static IntVector toInts(FloatVector whole) {
        return (IntVector) whole.add(TWO_TO_23).reinterpretAsInts().sub(TWO_TO_23_BITS);
    }
}
