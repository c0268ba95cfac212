package dev.backprop.engine.kernels;

import static dev.backprop.engine.kernels.VectorKernels.L;
import static dev.backprop.engine.kernels.VectorKernels.S;
import static dev.backprop.engine.kernels.VectorKernels.chunkEnd;
import static dev.backprop.engine.kernels.VectorKernels.init;
import static dev.backprop.engine.kernels.VectorKernels.offset;
import static dev.backprop.engine.kernels.VectorOuterKernels.update;

import jdk.incubator.vector.FloatVector;

/**
 * {@link VectorKernels}' two products whose input is a set of images, read straight from the dataset's
 * list of non-zero pixels ({@link SparsePixels}): the first layer's forward product and its weight
 * gradient. The seed network's first layer is all of its real work; reading the list instead of the
 * 784 pixels (80% background) took the product from 0.80 s an epoch with ojAlgo's dense one to a fraction of the
 * whole epoch's 0.15 s.
 */
final class VectorPixelKernels {

    private VectorPixelKernels() {}

    /** The sparse {@link Kernels#multiply} over pixels {@code [lo, hi)}, for rows ≥ 8. */
    static void multiply(
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
        char[] index = x.index();
        for (int c = 0; c < count; c++) {
            int example = examples[from + c];
            int first = x.firstAtOrPast(example, lo);
            int last = x.firstAtOrPast(example, hi);
            gatherPixels(m, rows, bias, index, x.value(), first, last, out, c * rows);
        }
    }

    /** As {@code VectorKernels.gather}, reading an image's non-zero pixels straight from the dataset's index. */
    private static void gatherPixels(
            float[] m,
            int rows,
            float[] bias,
            char[] index,
            byte[] value,
            int first,
            int last,
            float[] out,
            int column) {
        for (int start = 0, end; start < rows; start = end) {
            end = chunkEnd(start, rows);
            if (end - start <= 2 * L) {
                gatherPixelsTwo(
                        m,
                        rows,
                        bias,
                        index,
                        value,
                        first,
                        last,
                        out,
                        column,
                        offset(start, end, 0),
                        offset(start, end, 1));
            } else {
                gatherPixelsFour(m, rows, bias, index, value, first, last, out, column, start, end);
            }
        }
    }

    private static void gatherPixelsTwo(
            float[] m,
            int rows,
            float[] bias,
            char[] index,
            byte[] value,
            int first,
            int last,
            float[] out,
            int column,
            int o0,
            int o1) {
        FloatVector a0 = init(bias, o0);
        FloatVector a1 = init(bias, o1);
        for (int k = first; k < last; k++) {
            FloatVector b = FloatVector.broadcast(S, Kernels.pixel(value[k]));
            int base = index[k] * rows;
            a0 = b.fma(FloatVector.fromArray(S, m, base + o0), a0);
            a1 = b.fma(FloatVector.fromArray(S, m, base + o1), a1);
        }
        a0.intoArray(out, column + o0);
        a1.intoArray(out, column + o1);
    }

    private static void gatherPixelsFour(
            float[] m,
            int rows,
            float[] bias,
            char[] index,
            byte[] value,
            int first,
            int last,
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
        for (int k = first; k < last; k++) {
            FloatVector b = FloatVector.broadcast(S, Kernels.pixel(value[k]));
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

    /** The sparse {@link Kernels#addOuter(float, Gradient, Images, int, int)} for rows ≥ 8. */
    static void addOuter(
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
        for (int c = 0; c < count; c++) {
            int example = examples[from + c];
            int first = x.firstAtOrPast(example, lo);
            int last = x.firstAtOrPast(example, hi);
            for (int start = 0, end; start < rows; start = end) {
                end = chunkEnd(start, rows);
                if (end - start <= 2 * L) {
                    scatterPixelsTwo(
                            scale,
                            v,
                            c * rows,
                            rows,
                            x.index(),
                            x.value(),
                            first,
                            last,
                            m,
                            offset(start, end, 0),
                            offset(start, end, 1));
                } else {
                    scatterPixelsFour(scale, v, c * rows, rows, x.index(), x.value(), first, last, m, start, end);
                }
            }
        }
    }

    private static void scatterPixelsTwo(
            float scale,
            float[] v,
            int column,
            int rows,
            char[] index,
            byte[] value,
            int first,
            int last,
            float[] m,
            int o0,
            int o1) {
        FloatVector v0 = FloatVector.fromArray(S, v, column + o0);
        FloatVector v1 = FloatVector.fromArray(S, v, column + o1);
        for (int k = first; k < last; k++) {
            int base = index[k] * rows;
            update(scale * Kernels.pixel(value[k]), v0, v1, m, base + o0, base + o1);
        }
    }

    private static void scatterPixelsFour(
            float scale,
            float[] v,
            int column,
            int rows,
            char[] index,
            byte[] value,
            int first,
            int last,
            float[] m,
            int start,
            int end) {
        int o0 = offset(start, end, 0);
        int o1 = offset(start, end, 1);
        int o2 = offset(start, end, 2);
        int o3 = offset(start, end, 3);
        FloatVector v0 = FloatVector.fromArray(S, v, column + o0);
        FloatVector v1 = FloatVector.fromArray(S, v, column + o1);
        FloatVector v2 = FloatVector.fromArray(S, v, column + o2);
        FloatVector v3 = FloatVector.fromArray(S, v, column + o3);
        for (int k = first; k < last; k++) {
            int base = index[k] * rows;
            update(scale * Kernels.pixel(value[k]), v0, v1, v2, v3, m, base + o0, base + o1, base + o2, base + o3);
        }
    }
}
