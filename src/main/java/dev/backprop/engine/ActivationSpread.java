package dev.backprop.engine;

/**
 * A layer's activations over a probe, {@code [units × count]}: their mean and standard deviation, the
 * share of sigmoid or tanh activations within {@value #SATURATION_MARGIN} of a bound (where the
 * derivative, and so the learning, nearly vanishes) and the share of ReLU units that never fire.
 *
 * @param saturated null unless the activation is sigmoid or tanh
 * @param dead      null unless the activation is ReLU
 */
record ActivationSpread(double mean, double std, Double saturated, Double dead) {

    static final double SATURATION_MARGIN = 0.02;

    static ActivationSpread of(Activation activation, float[] act, int units, int count) {
        int n = units * count;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += act[k];
        }
        double mean = sum / n;
        double squares = 0;
        for (int k = 0; k < n; k++) {
            double d = act[k] - mean;
            squares += d * d;
        }
        return new ActivationSpread(
                mean, Math.sqrt(squares / n), saturated(activation, act, n), dead(activation, act, units, count));
    }

    private static Double saturated(Activation activation, float[] act, int n) {
        double low;
        double high;
        if (activation == Activation.SIGMOID) {
            low = 0;
            high = 1;
        } else if (activation == Activation.TANH) {
            low = -1;
            high = 1;
        } else {
            return null;
        }
        int near = 0;
        for (int k = 0; k < n; k++) {
            if (act[k] <= low + SATURATION_MARGIN || act[k] >= high - SATURATION_MARGIN) {
                near++;
            }
        }
        return (double) near / n;
    }

    private static Double dead(Activation activation, float[] act, int units, int count) {
        if (activation != Activation.RELU) {
            return null;
        }
        int dead = 0;
        for (int j = 0; j < units; j++) {
            boolean fired = false;
            for (int c = 0; c < count && !fired; c++) {
                fired = act[c * units + j] != 0;
            }
            if (!fired) {
                dead++;
            }
        }
        return (double) dead / units;
    }
}
