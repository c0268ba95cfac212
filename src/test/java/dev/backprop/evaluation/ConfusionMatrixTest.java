package dev.backprop.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.engine.Classifier;
import dev.backprop.engine.ExampleSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    // True labels 0 0 1 1 2 1; given 0 1 1 1 0 1.
    private final ExampleSet set = new ExampleSet(new byte[6], new byte[] {0, 0, 1, 1, 2, 1}, 1, 3);
    private final int[] examples = {0, 1, 2, 3, 4, 5};
    private final int[] predicted = {0, 1, 1, 1, 0, 1};

    @Test
    void rowsAreTrueLabelsAndColumnsPredictedOnes() {
        int[][] counts = ConfusionMatrix.of(set, examples, predicted).counts();

        assertThat(counts).isDeepEqualTo(new int[][] {{1, 1, 0}, {0, 3, 0}, {1, 0, 0}});
    }

    @Test
    void precisionRecallAndF1PerClass() {
        List<ClassMetrics> metrics =
                ConfusionMatrix.of(set, examples, predicted).perClass();

        ClassMetrics zero = metrics.get(0);
        assertThat(zero.support()).isEqualTo(2);
        assertThat(zero.predicted()).isEqualTo(2);
        assertThat(zero.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(zero.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(zero.f1()).isCloseTo(0.5, within(1e-12));
        ClassMetrics one = metrics.get(1);
        assertThat(one.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(one.recall()).isCloseTo(1.0, within(1e-12));
        assertThat(one.f1()).isCloseTo(2 * 0.75 / 1.75, within(1e-12));
        ClassMetrics two = metrics.get(2);
        assertThat(two.predicted()).isZero();
        assertThat(two.precision()).as("never predicted").isNull();
        assertThat(two.recall()).isEqualTo(0.0);
        assertThat(two.f1()).isNull();
    }

    @Test
    void theHardestExamplesAreTheSurestMistakes() {
        float[] confidence = {0.9f, 0.6f, 0.8f, 0.7f, 0.95f, 0.5f};
        Classifier.Evaluation evaluation = new Classifier.Evaluation(6, 4, 0.1, predicted, confidence);

        List<HardExample> hardest = ConfusionMatrix.hardest(set, examples, evaluation, 5);

        assertThat(hardest).containsExactly(new HardExample(4, 2, 0, 0.95f), new HardExample(1, 0, 1, 0.6f));
        assertThat(ConfusionMatrix.hardest(set, examples, evaluation, 1)).hasSize(1);
        assertThat(ConfusionMatrix.hardest(set, examples, evaluation, 0)).isEmpty();
    }
}
