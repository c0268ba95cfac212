package dev.backprop.job;

import java.util.List;
import java.util.Locale;

/**
 * Bias and variance at a glance, from the curves a job's epochs draw: training accuracy (as trained)
 * against validation accuracy. Over-fitting when validation stopped improving while training went on
 * and a gap opened; under-fitting when even the training accuracy is low and validation keeps up with
 * it; neither otherwise. Without validation data there is nothing to judge by (the test split is not
 * used for this).
 */
public final class FitDiagnosis {

    /** Training accuracy below this after the last epoch is high bias, whatever validation says. */
    static final double LOW_TRAINING_ACCURACY = 0.90;
    /** A gap between training and validation accuracy wider than this is variance. */
    static final double WIDE_GAP = 0.02;

    private FitDiagnosis() {}

    /** One line about the curves so far, or null before the first epoch. */
    public static String of(List<EpochMetrics> epochs) {
        if (epochs.isEmpty()) {
            return null;
        }
        EpochMetrics last = epochs.get(epochs.size() - 1);
        if (last.validationAccuracy() == null) {
            return "no validation data: set validationSize to tell under- from over-fitting";
        }
        EpochMetrics best = last;
        for (EpochMetrics epoch : epochs) {
            if (epoch.validationAccuracy() != null && epoch.validationAccuracy() > best.validationAccuracy()) {
                best = epoch;
            }
        }
        double gap = last.trainAccuracy() - last.validationAccuracy();
        boolean stalled = best.epoch() < last.epoch() - 1;
        if (stalled && gap > WIDE_GAP) {
            return String.format(
                    Locale.ROOT,
                    "over-fitting: validation accuracy stopped improving after epoch %d (%.2f%%) while training"
                            + " accuracy rose to %.2f%%, %.1f points above validation; more data, augmentation, L2 or"
                            + " dropout should help",
                    best.epoch(),
                    100 * best.validationAccuracy(),
                    100 * last.trainAccuracy(),
                    100 * gap);
        }
        if (last.trainAccuracy() < LOW_TRAINING_ACCURACY && Math.abs(gap) <= WIDE_GAP) {
            return String.format(
                    Locale.ROOT,
                    "under-fitting: training accuracy is only %.2f%% and validation follows it (%.2f%%); a larger"
                            + " network, more epochs or another learning rate should help",
                    100 * last.trainAccuracy(),
                    100 * last.validationAccuracy());
        }
        return String.format(
                Locale.ROOT,
                "neither: training %.2f%%, validation %.2f%%, a gap of %.1f points",
                100 * last.trainAccuracy(),
                100 * last.validationAccuracy(),
                100 * gap);
    }
}
