package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line diagnosis on curves drawn to show each case. */
class FitDiagnosisTest {

    private static List<EpochMetrics> curves(double[] train, double[] validation) {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = 0; e < train.length; e++) {
            Double v = validation == null ? null : validation[e];
            epochs.add(new EpochMetrics(e + 1, 0.1, train[e], v == null ? null : 0.2, v, 0.2, 0.9, 100, 1000, 0.1));
        }
        return epochs;
    }

    @Test
    void namesTheEpochWhereValidationStoppedImprovingWhenAGapOpens() {
        String diagnosis = FitDiagnosis.of(
                curves(new double[] {0.90, 0.95, 0.97, 0.985, 0.995}, new double[] {0.93, 0.955, 0.954, 0.950, 0.951}));
        assertThat(diagnosis).startsWith("over-fitting: validation accuracy stopped improving after epoch 2 (95.50%)");
    }

    @Test
    void lowTrainingAccuracyThatValidationFollowsIsUnderFitting() {
        assertThat(FitDiagnosis.of(curves(new double[] {0.70, 0.78, 0.80}, new double[] {0.71, 0.785, 0.805})))
                .startsWith("under-fitting: training accuracy is only 80.00%");
    }

    @Test
    void closeHighCurvesAreNeither() {
        assertThat(FitDiagnosis.of(curves(new double[] {0.95, 0.97, 0.98}, new double[] {0.95, 0.965, 0.975})))
                .startsWith("neither: training 98.00%, validation 97.50%");
    }

    @Test
    void withoutValidationItSaysWhatToSet() {
        assertThat(FitDiagnosis.of(curves(new double[] {0.9}, null))).contains("validationSize");
        assertThat(FitDiagnosis.of(List.of())).isNull();
    }
}
