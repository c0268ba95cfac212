package dev.backprop.curve;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A bias/variance reading of a learning curve, from the median over seeds at each size: a wide gap
 * between training and validation accuracy at the largest size is variance, which more data narrows
 * while validation accuracy still climbs; a narrow gap with validation accuracy levelled off is bias,
 * which more data does not cure.
 */
final class CurveDiagnosis {

    /** A gap above this (in accuracy, 0–1) reads as variance. */
    static final double WIDE_GAP = 0.02;
    /** A rise in validation accuracy per tenfold more data below this reads as levelled off. */
    static final double LEVELLED = 0.01;

    private CurveDiagnosis() {}

    /** Null until two sizes have a finished point with both accuracies. */
    static String of(List<LearningCurve.Point> points) {
        TreeMap<Integer, double[]> bySize = new TreeMap<>();
        for (Integer size :
                points.stream().map(LearningCurve.Point::size).distinct().toList()) {
            List<LearningCurve.Point> done = points.stream()
                    .filter(p -> p.size() == size && p.trainAccuracy() != null && p.validationAccuracy() != null)
                    .toList();
            if (!done.isEmpty()) {
                bySize.put(size, new double[] {
                    median(done.stream().map(LearningCurve.Point::trainAccuracy).toList()),
                    median(done.stream()
                            .map(LearningCurve.Point::validationAccuracy)
                            .toList())
                });
            }
        }
        if (bySize.size() < 2) {
            return null;
        }
        int largest = bySize.lastKey();
        int before = bySize.lowerKey(largest);
        double train = bySize.get(largest)[0];
        double validation = bySize.get(largest)[1];
        double gap = train - validation;
        double decades = Math.log10((double) largest / before);
        double rise = (validation - bySize.get(before)[1]) / decades;
        String figures = String.format(
                Locale.ROOT,
                "at %,d examples training accuracy %.2f%%, validation %.2f%% (gap %.2f points); validation rose %.2f"
                        + " points per tenfold more data since %,d",
                largest,
                100 * train,
                100 * validation,
                100 * gap,
                100 * rise,
                before);
        if (gap > WIDE_GAP && rise >= LEVELLED) {
            return "high variance: " + figures + ". More data still helps; so would regularisation.";
        }
        if (gap > WIDE_GAP) {
            return "variance that more data no longer narrows: " + figures
                    + ". Regularise (l2, dropout) or augment rather than add examples.";
        }
        if (rise >= LEVELLED) {
            return "still learning from data: " + figures + ". More data helps; the network is not yet its limit.";
        }
        return "high bias: " + figures
                + ". More data will not help; a larger network, less regularisation or longer training would.";
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(Objects::nonNull).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
