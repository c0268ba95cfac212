package dev.backprop.bench;

import dev.backprop.engine.Classifier;
import java.util.List;

/** Figures of one training run: per-epoch training seconds and test accuracies, and the kernels (and threads) it used. */
record Run(String name, List<Double> seconds, List<Double> accuracies, Classifier model, String kernels) {

    /** The median epoch after the first, which the JIT spends compiling (the same rule for the peer). */
    double medianSeconds() {
        return median(steadySeconds());
    }

    /** The seconds of every epoch after the first. */
    List<Double> steadySeconds() {
        return seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds;
    }

    /** {@link #medianSeconds} over the first {@code epochs} epochs only, to compare with a shorter run. */
    double medianSecondsOfFirst(int epochs) {
        return new Run(name, seconds.subList(0, Math.min(epochs, seconds.size())), accuracies, model, kernels)
                .medianSeconds();
    }

    /** The slowest epoch after the first: with the median, how much the steady epochs jitter. */
    double worstSeconds() {
        return steadySeconds().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    double finalAccuracy() {
        return accuracies.get(accuracies.size() - 1);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
