package dev.backprop.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bias/variance reading on curves made up to be one or the other. */
class CurveDiagnosisTest {

    private static LearningCurve.Point point(int size, long seed, double train, double validation) {
        return new LearningCurve.Point(size, seed, 1, train, validation, null, "job", "SUCCEEDED");
    }

    @Test
    void aWideGapWithValidationStillClimbingIsVariance() {
        String reading = CurveDiagnosis.of(List.of(
                point(1000, 1, 1.00, 0.85),
                point(1000, 2, 1.00, 0.89),
                point(1000, 3, 0.99, 0.88),
                point(10000, 1, 0.99, 0.93),
                point(10000, 2, 0.98, 0.94),
                point(10000, 3, 0.98, 0.95)));
        // Medians: training 0.98, validation 0.94 at 10,000; 0.88 at 1,000.
        assertThat(reading)
                .startsWith("high variance: at 10,000 examples training accuracy 98.00%, validation 94.00%"
                        + " (gap 4.00 points); validation rose 6.00 points per tenfold more data since 1,000");
    }

    @Test
    void aNarrowGapWithValidationLevelledOffIsBias() {
        String reading = CurveDiagnosis.of(List.of(point(5000, 1, 0.91, 0.90), point(50000, 1, 0.905, 0.902)));
        assertThat(reading).startsWith("high bias:");
    }

    @Test
    void aWideGapThatMoreDataNoLongerNarrowsAndANarrowOneStillRisingReadApart() {
        assertThat(CurveDiagnosis.of(List.of(point(5000, 1, 1.0, 0.95), point(50000, 1, 1.0, 0.952))))
                .startsWith("variance that more data no longer narrows");
        assertThat(CurveDiagnosis.of(List.of(point(100, 1, 0.80, 0.79), point(1000, 1, 0.90, 0.89))))
                .startsWith("still learning from data");
    }

    @Test
    void noReadingUntilTwoSizesHaveFinished() {
        LearningCurve.Point running = new LearningCurve.Point(200, 1, 1, null, null, null, "job", "RUNNING");
        assertThat(CurveDiagnosis.of(List.of(point(100, 1, 1.0, 0.7), running))).isNull();
    }
}
