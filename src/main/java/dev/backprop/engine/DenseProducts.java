package dev.backprop.engine;

import dev.backprop.engine.ExampleSet.SparsePixels;
import java.util.Arrays;

/**
 * A dense layer's products, forward and backward side by side, on the column-major layout of the
 * engine's stores ({@code W} is {@code [units × inputs]}, a batch block {@code [rows × count]}):
 *
 * <ul>
 *   <li>forward {@code z = W·a + b}, from a dense block or straight from images' non-zero pixels
 *   <li>backward {@code δ' = Wᵀ·δ}, the errors sent down to the inputs
 *   <li>weight gradient {@code M += s·δ·aᵀ} (a gradient with s = 1, or fused SGD with s = −η/m)
 * </ul>
 *
 * <p>On the engine's own {@link Kernels} (zero-skipping, bit-identical vector and plain loops) or, when
 * given one, the native BLAS ({@link NativeBlas}); training and {@link Classifier} share this forward.
 */
final class DenseProducts {

    /** The engine's own kernels, for prediction and for every network without a wide layer. */
    static final DenseProducts OWN = new DenseProducts(null);

    private final Kernels kernels = Kernels.INSTANCE;
    private final NativeBlas blas;

    DenseProducts(NativeBlas blas) {
        this.blas = blas;
    }

    /** The native BLAS these products go through, or null. */
    NativeBlas nativeBlas() {
        return blas;
    }

    /** {@code z = W·a + b} (b null: none), column {@code c} of a starting at {@code aOffset + c·inputs}. */
    void forward(float[] w, int units, int inputs, float[] bias, float[] a, int aOffset, float[] z, int count) {
        if (blas != null) {
            blas.forward(w, units, inputs, bias, a, aOffset, z, count);
        } else {
            kernels.multiply(w, units, inputs, bias, a, aOffset, z, count);
        }
    }

    /**
     * {@code z = W·x + b}, x being the images {@code examples[from, from + count)}: their non-zero pixels
     * on the own kernels; written out densely into {@code dense} for the BLAS: skipping the zeros cannot
     * make up for the BLAS's speed at these widths (the [784,1024,1024,10] network's whole step took
     * 13 ms through the BLAS against 70 on the zero-skipping kernels with two threads, in one run).
     */
    void forward(
            float[] w,
            int units,
            int inputs,
            float[] bias,
            SparsePixels x,
            int[] examples,
            int from,
            float[] z,
            int count,
            float[] dense) {
        if (blas == null) {
            kernels.multiply(w, units, bias, x, examples, from, z, count);
            return;
        }
        Arrays.fill(dense, 0, inputs * count, 0f);
        int[] starts = x.start();
        for (int c = 0; c < count; c++) {
            int example = examples[from + c];
            for (int k = starts[example]; k < starts[example + 1]; k++) {
                dense[c * inputs + x.index()[k]] = Kernels.pixel(x.value()[k]);
            }
        }
        blas.forward(w, units, inputs, bias, dense, 0, z, count);
    }

    /**
     * The first layer's {@code z} summed over pixels {@code [lo, hi)} only ({@code bias} null for none), on
     * the own kernels: two threads each take one half of the pixels, the columns whose weights they
     * update.
     */
    void forwardPixels(
            float[] w,
            int units,
            float[] bias,
            SparsePixels x,
            int[] examples,
            int from,
            float[] z,
            int count,
            int lo,
            int hi) {
        kernels.multiply(w, units, bias, x, examples, from, z, count, lo, hi);
    }

    /**
     * {@code below = Wᵀ·delta}. The own kernels read {@code transposed} (Wᵀ, refreshed by
     * {@link Kernels#transpose} before the step), so each element is a chain of fmas like the rest.
     */
    void sendDown(float[] w, float[] transposed, int units, int inputs, float[] delta, float[] below, int count) {
        if (blas != null) {
            blas.sendDown(w, units, inputs, delta, below, count);
        } else {
            kernels.multiply(transposed, inputs, units, null, delta, 0, below, count);
        }
    }

    /** {@code M = alpha·δ·aᵀ + beta·M} over the whole batch in one sgemm; the native BLAS only. */
    void weightGradient(
            float alpha, float[] delta, int units, float[] a, int inputs, int count, float beta, float[] m) {
        blas.addOuter(alpha, delta, units, a, inputs, count, beta, m);
    }

    /** Columns {@code [lo, hi)} of {@code M += scale·δ·aᵀ}, examples in order, skipping zeros; own kernels. */
    void addWeightGradient(
            float scale, float[] delta, int units, float[] a, int inputs, int count, int lo, int hi, float[] m) {
        kernels.addOuter(scale, delta, units, a, inputs, count, lo, hi, m);
    }

    /** As the dense {@code addWeightGradient}, a being the images {@code examples[from, from + count)}. */
    void addWeightGradient(
            float scale,
            float[] delta,
            int units,
            SparsePixels x,
            int[] examples,
            int from,
            int count,
            int lo,
            int hi,
            float[] m) {
        kernels.addOuter(scale, delta, units, x, examples, from, count, lo, hi, m);
    }
}
