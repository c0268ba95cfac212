package dev.backprop.sweep;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A density on {@code [low, high]}: an equal mixture of a Gaussian at each observation and a broad prior
 * Gaussian at the centre (σ = the range), each truncated to the range. An observation's width is the
 * larger gap to its neighbours (hyperopt's adaptive Parzen estimator), kept between the range over
 * min(100, n + 1) and the range.
 */
final class ParzenWindows {

    private final double low;
    private final double high;
    private final double[] means;
    private final double[] widths;
    private final double[] masses;

    ParzenWindows(double[] observations, double low, double high) {
        this.low = low;
        this.high = high;
        double range = high - low;
        if (range == 0) {
            means = new double[] {low};
            widths = new double[] {1};
            masses = new double[] {1};
            return;
        }
        int n = observations.length;
        means = Arrays.copyOf(observations, n + 1);
        means[n] = (low + high) / 2; // the prior
        widths = new double[n + 1];
        Integer[] order = new Integer[n + 1];
        for (int k = 0; k <= n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(means[a], means[b]));
        double narrowest = range / Math.min(100, n + 1);
        for (int r = 0; r <= n; r++) {
            double at = means[order[r]];
            double left = r == 0 ? at - low : at - means[order[r - 1]];
            double right = r == n ? high - at : means[order[r + 1]] - at;
            widths[order[r]] = Math.min(range, Math.max(narrowest, Math.max(left, right)));
        }
        widths[n] = range;
        masses = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            masses[k] = Normal.cdf((high - means[k]) / widths[k]) - Normal.cdf((low - means[k]) / widths[k]);
        }
    }

    double sample(SplittableRandom random) {
        int k = random.nextInt(means.length);
        for (int tries = 0; tries < 100; tries++) {
            double x = means[k] + widths[k] * random.nextGaussian();
            if (x >= low && x <= high) {
                return x;
            }
        }
        return Math.min(high, Math.max(low, means[k]));
    }

    double logDensity(double x) {
        double sum = 0;
        for (int k = 0; k < means.length; k++) {
            double z = (x - means[k]) / widths[k];
            sum += Math.exp(-0.5 * z * z) / (widths[k] * Math.sqrt(2 * Math.PI) * Math.max(masses[k], 1e-12));
        }
        return Math.log(sum / means.length + 1e-300);
    }

    /** The standard normal distribution function. */
    static final class Normal {
        private Normal() {}

        static double cdf(double z) {
            return 0.5 * (1 + erf(z / Math.sqrt(2)));
        }

        /** Abramowitz and Stegun 7.1.26: absolute error below 1.5e-7, plenty for a density ratio. */
        static double erf(double x) {
            double t = 1 / (1 + 0.3275911 * Math.abs(x));
            double y = 1
                    - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                            * t
                            * Math.exp(-x * x);
            return x >= 0 ? y : -y;
        }
    }
}
