package dev.backprop.sweep;

import java.util.List;

/** Quantiles as NumPy's {@code percentile} computes them by default: linear between order statistics. */
final class Quantiles {

    private Quantiles() {}

    static double linear(List<Double> values, double q) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
