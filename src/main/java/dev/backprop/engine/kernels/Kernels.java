package dev.backprop.engine.kernels;

/**
 * The two shapes of arithmetic that fill a mini-batch, on the {@code float[]} arrays behind the
 * engine's ojAlgo stores. Matrices are column-major like ojAlgo's: a weight matrix is
 * {@code [rows × inner]}, so the weights leaving one input are contiguous; a batch block is
 * {@code [rows × count]}, one column per example.
 *
 * <p>Both shapes skip inputs that are zero (background pixels, units a ReLU switched off), which is
 * where most of the speed comes from. ojAlgo's {@code R032Store.fillByMultiplying}, which cannot know
 * that 80% of MNIST's pixels are zero, took 0.80 s an epoch for the seed network's first-layer forward
 * product alone; with these kernels the whole epoch takes 0.15 s.
 *
 * <p>Two implementations give bit-identical results: {@link VectorKernels} (the JDK's incubating
 * Vector API, when the JVM runs with {@code --add-modules jdk.incubator.vector}) and
 * {@link ScalarKernels} (plain loops). Every element is computed by the same chain of fused
 * multiply-adds in the same order in both, so a seeded run gives the same weights either way.
 */
interface Kernels {

    /** The implementation for this JVM, chosen once. */
    Kernels INSTANCE = KernelSelection.select();

    /** A name for logs and benchmark reports. */
    String name();

    /**
     * {@code out[:, c] = init + Σᵢ x[i, c] · W[:, i]} for every column c of the block, where {@code init}
     * is the bias (or zero when null). Each element accumulates with {@code fma} over {@code i} in order.
     */
    void multiply(Weights w, Block x, float[] out);

    /** As the dense {@code multiply}, x being raw 0–255 pixels, each scaled by {@link #pixel}. */
    void multiply(Weights w, RawPixels x, float[] out);

    /** Past any pixel's index: a pixel range {@code [0, ALL_PIXELS)} takes every pixel. */
    int ALL_PIXELS = Character.MAX_VALUE + 1;

    /** As the dense {@code multiply}, x being images, summing only over the pixels {@code lo ≤ i < hi}. */
    void multiply(Weights w, Images x, float[] out, int lo, int hi);

    /**
     * {@code M[:, i] += (scale · x[i, c]) · δ[:, c]} for every column c in order and every non-zero
     * {@code x[i, c]} with {@code lo ≤ i < hi}, M being the gradient's target: a weight gradient (scale 1),
     * or an SGD step straight into the weights (scale −η/m). The column range lets two threads update
     * disjoint columns of one matrix, each in the same order as one thread would.
     */
    void addOuter(float scale, Gradient g, Block x, int lo, int hi);

    /** As the dense {@code addOuter}, x being images. */
    void addOuter(float scale, Gradient g, Images x, int lo, int hi);

    /** ReLU with subnormals flushed: {@code a[k] = max(0, z[k])}, or 0 where that is below {@link Float#MIN_NORMAL}. */
    void relu(float[] z, float[] a, int n);

    /** The logistic sigmoid with subnormals flushed: {@code a[k] = 1 / (1 + e^−z[k])}, or 0 below {@link Float#MIN_NORMAL}. */
    void sigmoid(float[] z, float[] a, int n);

    /** ReLU's backward step: {@code gradZ[k] = gradA[k]} where {@code z[k] > 0} and it is not subnormal, else 0. */
    void reluBackward(float[] z, float[] gradA, float[] gradZ, int n);

    /** {@link DistortionKernels#sample}: each point's bilinear interpolation, rounded as {@link ScalarKernels#round} does. */
    void sample(PaddedImage image, float[] xs, float[] ys, int n, byte[] target, int to);

    /** {@link DistortionKernels#widen}: bytes read as 0–255, as floats. */
    void widen(byte[] x, int from, float[] y, int to, int n);

    /** {@link DistortionKernels#points}: {@code xs[y·w + x] = acrossX[x] − downX[y]}, {@code ys} likewise with +. */
    void points(Grid grid, float[] xs, float[] ys);

    /** {@link DistortionKernels#addScaled}: {@code y[i] += weight · x[from + i]}, unfused. */
    void addScaled(float weight, float[] x, int from, float[] y, int n);

    /** The first position in {@code index[from, to)} (sorted) whose value is at least {@code value}. */
    static int lowerBound(char[] index, int from, int to, int value) {
        while (from < to) {
            int middle = (from + to) >>> 1;
            if (index[middle] < value) {
                from = middle + 1;
            } else {
                to = middle;
            }
        }
        return from;
    }

    /** Pixel value 0–255 scaled to [0, 1], the one rounding both implementations share. */
    static float pixel(byte value) {
        return PixelTable.VALUES[value & 0xFF];
    }
}
