package dev.backprop.engine;

/**
 * One weight layer seen from inside, on a probe of training examples (the cost C being the loss
 * averaged over the probe, without the L2 term):
 *
 * @param layer            1 for the first weight layer
 * @param weightNorm       ‖W‖, the Frobenius norm
 * @param gradientNorm     ‖∂C/∂W‖
 * @param biasGradientNorm ‖∂C/∂b‖ = ‖(1/n)·Σₓ δˣ‖, Nielsen's "speed of learning" (chapter 5); under batch
 *                         norm ‖∂C/∂β‖, β doing the bias's job
 * @param updateRatio      ‖ΔW‖/‖W‖ over the last step before the measurement; null before any step
 * @param activationMean   mean of the layer's activations over its units and the probe
 * @param activationStd    their standard deviation
 * @param saturated        share of sigmoid or tanh activations within 0.02 of a bound; null for others
 * @param dead             share of ReLU units zero on every probe example; null for others
 * @param weightHistogram  the weights' spread in 20 bins
 */
public record LayerDiagnostics(
        int layer,
        double weightNorm,
        double gradientNorm,
        double biasGradientNorm,
        Double updateRatio,
        double activationMean,
        double activationStd,
        Double saturated,
        Double dead,
        Histogram weightHistogram) {

    /** {@code counts[k]} values lie in {@code [edges[k], edges[k + 1])}, the last bin closed. */
    public record Histogram(double[] edges, long[] counts) {

        static final int BINS = 20;

        /** 20 equal bins from the smallest value to the largest (±0.5 around a single value). */
        static Histogram of(float[] values) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double low = min;
            double high = max;
            if (!(high > low)) {
                low -= 0.5;
                high += 0.5;
            }
            double width = (high - low) / BINS;
            double[] edges = new double[BINS + 1];
            for (int k = 0; k <= BINS; k++) {
                edges[k] = low + k * width;
            }
            edges[BINS] = high;
            long[] counts = new long[BINS];
            for (float v : values) {
                counts[Math.min(BINS - 1, Math.max(0, (int) ((v - low) / width)))]++;
            }
            return new Histogram(edges, counts);
        }
    }
}
