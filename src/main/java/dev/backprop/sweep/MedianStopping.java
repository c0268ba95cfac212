package dev.backprop.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The median stopping rule (Golovin et al., Google Vizier, 2017): from epoch {@code minEpochs} on, a
 * trial stops when its best score so far is below the median of the scores other trials had at the
 * same epoch, once at least {@code minTrials} have got there.
 */
public final class MedianStopping implements EarlyStopping {

    private final int minEpochs;
    private final int minTrials;
    private final String metric;
    private final Map<Integer, List<Double>> atEpoch = new HashMap<>();
    private final Map<Integer, Double> bestOfTrial = new HashMap<>();

    public MedianStopping(int minEpochs, int minTrials, String metric) {
        if (minEpochs < 1 || minTrials < 1) {
            throw new InvalidSweepException("earlyStopping: median needs minEpochs ≥ 1 and minTrials ≥ 1");
        }
        this.minEpochs = minEpochs;
        this.minTrials = minTrials;
        this.metric = metric;
    }

    @Override
    public Decision report(int trial, int epoch, double score) {
        double best = Math.max(score, bestOfTrial.getOrDefault(trial, Double.NEGATIVE_INFINITY));
        bestOfTrial.put(trial, best);
        List<Double> others = atEpoch.computeIfAbsent(epoch, e -> new ArrayList<>());
        Decision decision = Decision.GO_ON;
        if (epoch >= minEpochs && others.size() >= minTrials) {
            double median = Quantiles.linear(others, 0.5);
            if (best < median) {
                decision = new Decision(
                        true,
                        epoch,
                        String.format(
                                Locale.ROOT,
                                "epoch %d: best %s so far %.4f worse than the median %.4f of %d trials at that epoch",
                                epoch,
                                metric,
                                Math.abs(best),
                                Math.abs(median),
                                others.size()));
            }
        }
        others.add(score);
        return decision;
    }
}
