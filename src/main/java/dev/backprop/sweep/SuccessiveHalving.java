package dev.backprop.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020), as Ray Tune's scheduler stops trials: rungs
 * at {@code minEpochs · η^k} epochs below the trials' last epoch; a trial reaching a rung stops unless
 * its score is at least the (1 − 1/η) quantile of the scores recorded at that rung so far, so about
 * one trial in η goes past each rung. The first trial at a rung always goes on.
 */
public final class SuccessiveHalving implements EarlyStopping {

    private final int minEpochs;
    private final int reductionFactor;
    private final int maxEpochs;
    private final String metric;
    private final Map<Integer, List<Double>> recorded = new HashMap<>();

    public SuccessiveHalving(int minEpochs, int reductionFactor, int maxEpochs, String metric) {
        if (minEpochs < 1 || reductionFactor < 2) {
            throw new InvalidSweepException("earlyStopping: asha needs minEpochs ≥ 1 and reductionFactor ≥ 2");
        }
        this.minEpochs = minEpochs;
        this.reductionFactor = reductionFactor;
        this.maxEpochs = maxEpochs;
        this.metric = metric;
    }

    /** The epochs at which trials are compared. */
    public List<Integer> rungs() {
        List<Integer> rungs = new ArrayList<>();
        for (long rung = minEpochs; rung < maxEpochs; rung *= reductionFactor) {
            rungs.add((int) rung);
        }
        return rungs;
    }

    @Override
    public Decision report(int trial, int epoch, double score) {
        if (!rungs().contains(epoch)) {
            return Decision.GO_ON;
        }
        List<Double> scores = recorded.computeIfAbsent(epoch, e -> new ArrayList<>());
        Decision decision = Decision.GO_ON;
        if (!scores.isEmpty()) {
            double cutoff = Quantiles.linear(scores, 1 - 1.0 / reductionFactor);
            if (score < cutoff) {
                decision = new Decision(
                        true,
                        epoch,
                        String.format(
                                Locale.ROOT,
                                "rung %d epochs: %s %.4f worse than %.4f, the cut-off for the best 1/%d of the %d trials there",
                                epoch,
                                metric,
                                Math.abs(score),
                                Math.abs(cutoff),
                                reductionFactor,
                                scores.size()));
            }
        }
        scores.add(score);
        return decision;
    }
}
