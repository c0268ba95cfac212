package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which trials stop at which rung, on synthetic learning curves worked out by hand. */
class EarlyStoppingTest {

    /** Runs the trials one after another (one at a time), each until it stops or ends; where each stopped. */
    private static Map<Integer, Integer> run(EarlyStopping rule, double[][] curves) {
        Map<Integer, Integer> stoppedAt = new LinkedHashMap<>();
        for (int trial = 0; trial < curves.length; trial++) {
            for (int epoch = 1; epoch <= curves[trial].length; epoch++) {
                EarlyStopping.Decision decision = rule.report(trial, epoch, curves[trial][epoch - 1]);
                if (decision.stop()) {
                    assertThat(decision.epoch()).isEqualTo(epoch);
                    assertThat(decision.reason()).isNotBlank();
                    stoppedAt.put(trial, epoch);
                    break;
                }
            }
        }
        return stoppedAt;
    }

    @Test
    void ashaPlacesRungsAtMinEpochsTimesPowersOfTheFactor() {
        assertThat(new SuccessiveHalving(1, 3, 9, "validationAccuracy").rungs()).containsExactly(1, 3);
        assertThat(new SuccessiveHalving(2, 2, 20, "validationAccuracy").rungs())
                .containsExactly(2, 4, 8, 16);
    }

    @Test
    void ashaStopsTrialsBelowTheTopThirdOfThoseRecordedAtTheirRung() {
        // Scores at epochs 1 and 3 (the rungs for minEpochs 1, η 3, 9 epochs); other epochs do not matter.
        double[][] curves = {
            {0.50, 0.55, 0.60, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6},
            {0.60, 0.65, 0.70, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7},
            {0.40, 0.45, 0.50, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
            {0.70, 0.75, 0.80, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8},
            {0.55, 0.60, 0.65, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6},
            {0.65, 0.64, 0.62, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6},
        };
        // Rung 1: trial 0 is first and goes on; 1 (0.60) ≥ 0.50, the ⅔ quantile of {0.50}; 2 (0.40) is
        // below 0.5667, that of {0.50, 0.60}: stopped; 3 (0.70) ≥ 0.5333 of {0.4, 0.5, 0.6}; 4 (0.55) is
        // below 0.60 of {0.4, 0.5, 0.6, 0.7}: stopped; 5 (0.65) ≥ 0.5833 of {0.4, 0.5, 0.55, 0.6, 0.7}.
        // Rung 3: 0 first; 1 (0.70) ≥ 0.60; 3 (0.80) ≥ 0.6667 of {0.6, 0.7}; 5 (0.62) is below 0.7333 of
        // {0.6, 0.7, 0.8}: stopped.
        assertThat(run(new SuccessiveHalving(1, 3, 9, "validationAccuracy"), curves))
                .containsExactly(Map.entry(2, 1), Map.entry(4, 1), Map.entry(5, 3));
    }

    @Test
    void ashaSaysWhereAndWhyATrialStopped() {
        SuccessiveHalving asha = new SuccessiveHalving(1, 2, 4, "validationAccuracy");
        asha.report(0, 1, 0.9);
        EarlyStopping.Decision decision = asha.report(1, 1, 0.5);
        assertThat(decision.stop()).isTrue();
        assertThat(decision.reason())
                .isEqualTo("rung 1 epochs: validationAccuracy 0.5000 worse than 0.9000, the cut-off for the best 1/2 of"
                        + " the 1 trials there");
    }

    @Test
    void theMedianRuleStopsATrialWhoseBestIsBelowTheMedianAtItsEpoch() {
        double[][] curves = {
            {0.50, 0.60, 0.70},
            {0.52, 0.62, 0.72},
            {0.54, 0.64, 0.74},
            {0.30, 0.40, 0.80},
            {0.60, 0.61, 0.62},
        };
        // From epoch 2 on, with 3 trials there before it: trial 3's best 0.40 at epoch 2 is below the
        // median 0.62 of {0.60, 0.62, 0.64}: stopped. Trial 4 led at epoch 1 (before minEpochs); at epoch 2
        // its best 0.61 equals the median of {0.40, 0.60, 0.62, 0.64} and it goes on; at epoch 3 its best
        // 0.62 is below 0.72, the median of {0.70, 0.72, 0.74}: stopped.
        assertThat(run(new MedianStopping(2, 3, "validationAccuracy"), curves))
                .containsExactly(Map.entry(3, 2), Map.entry(4, 3));
    }

    @Test
    void noEarlyStoppingNeverStops() {
        assertThat(run(EarlyStopping.NONE, new double[][] {{0.9}, {0.1, 0.1}})).isEmpty();
    }
}
