package dev.backprop.engine.kernels;

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
 * given one, the native BLAS ({@link NativeBlas}). The one door from the engine to its kernels' products.
 */
public final class DenseProducts {

    /** The engine's own kernels, for prediction and for every network without a wide layer. */
    public static final DenseProducts OWN = new DenseProducts(null);

    private final Kernels kernels = Kernels.INSTANCE;
    private final NativeBlas blas;

    /** Products through {@code blas}, or on the own kernels when it is null. */
    public DenseProducts(NativeBlas blas) {
        this.blas = blas;
    }

    /** The native BLAS these products go through, or null. */
    public NativeBlas nativeBlas() {
        return blas;
    }

    /** {@code z = W·a + b}, {@code a} being {@code [inputs × count]}. */
    public void forward(Weights w, Block a, float[] z) {
        if (blas != null) {
            blas.forward(w.values(), w.units(), w.inputs(), w.bias(), a.values(), a.offset(), z, a.count());
        } else {
            kernels.multiply(w, a, z);
        }
    }

    /** {@code z = W·x + b}, x being raw 0–255 pixels (a prediction's input as sent). */
    public void forward(Weights w, RawPixels x, float[] z) {
        if (blas != null) {
            forward(w, x.toBlock(w.inputs()), z);
        } else {
            kernels.multiply(w, x, z);
        }
    }

    /**
     * {@code z = W·x + b}, x being images: their non-zero pixels on the own kernels; written out densely
     * into {@code dense} for the BLAS: skipping the zeros cannot make up for the BLAS's speed at these
     * widths (the [784,1024,1024,10] network's whole step took 13 ms through the BLAS against 70 on the
     * zero-skipping kernels with two threads, in one run).
     */
    public void forward(Weights w, Images x, float[] z, float[] dense) {
        if (blas == null) {
            kernels.multiply(w, x, z, 0, Kernels.ALL_PIXELS);
            return;
        }
        int inputs = w.inputs();
        Arrays.fill(dense, 0, inputs * x.count(), 0f);
        SparsePixels pixels = x.pixels();
        int[] starts = pixels.start();
        for (int c = 0; c < x.count(); c++) {
            int example = x.examples()[x.from() + c];
            for (int k = starts[example]; k < starts[example + 1]; k++) {
                dense[c * inputs + pixels.index()[k]] = Kernels.pixel(pixels.value()[k]);
            }
        }
        blas.forward(w.values(), w.units(), inputs, w.bias(), dense, 0, z, x.count());
    }

    /**
     * Half {@code half} (0 or 1) of the first layer's {@code z}, summed over the first or the second half
     * of the pixels only, on the own kernels: two threads each take the half of the pixels whose columns
     * they update. Half 1 adds no bias.
     */
    public void forwardHalf(Weights w, Images x, float[] z, int half) {
        int split = w.inputs() / 2;
        Weights part = half == 0 ? w : new Weights(w.values(), w.units(), w.inputs(), null);
        kernels.multiply(part, x, z, half == 0 ? 0 : split, half == 0 ? split : Kernels.ALL_PIXELS);
    }

    /**
     * {@code below = Wᵀ·delta}. The own kernels read {@code transposed} (Wᵀ, refreshed by
     * {@link Loops#transpose} before the step), so each element is a chain of fmas like the rest.
     */
    public void sendDown(Weights w, float[] transposed, float[] delta, float[] below, int count) {
        if (blas != null) {
            blas.sendDown(w.values(), w.units(), w.inputs(), delta, below, count);
        } else {
            kernels.multiply(new Weights(transposed, w.inputs(), w.units(), null), Block.of(delta, count), below);
        }
    }

    /** {@code M = alpha·δ·aᵀ + beta·M} over the whole batch in one sgemm; the native BLAS only. */
    public void weightGradient(float alpha, Gradient g, Block a, float beta) {
        blas.addOuter(alpha, g.delta(), g.units(), a.values(), g.inputs(), a.count(), beta, g.target());
    }

    /** Columns {@code [lo, hi)} of {@code M += scale·δ·aᵀ}, examples in order, skipping zeros; own kernels. */
    public void addWeightGradient(float scale, Gradient g, Block a, int lo, int hi) {
        kernels.addOuter(scale, g, a, lo, hi);
    }

    /** As the dense {@code addWeightGradient}, a being images. */
    public void addWeightGradient(float scale, Gradient g, Images x, int lo, int hi) {
        kernels.addOuter(scale, g, x, lo, hi);
    }
}
