package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Integrated gradients' completeness axiom on the real MNIST, for three networks trained for an epoch:
 * on 200 test digits the attributions add up to {@code score − baselineScore}, the error falling as the
 * steps grow (16, 64, 256) until float rounding is all that is left (the ReLU network's path is
 * integrated exactly, piece by linear piece, whatever the steps). At 64 steps every digit is within 1% of
 * {@code |score − baselineScore|}; docs/explanations.md has the figures.
 */
class ExplanationCompletenessTest {

    static final int DIGITS = 200;
    static final int[] STEPS = {16, 64, 256};
    /** Where float sums of 784 attributions stop getting better with more points. */
    static final double FLOAT_FLOOR = 1e-5;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("seed sigmoid/quadratic", (Supplier<Classifier>) MnistNetworks::seed),
                Arguments.of("ReLU/softmax/cross-entropy", (Supplier<Classifier>) MnistNetworks::relu),
                Arguments.of("batch norm + tanh", (Supplier<Classifier>) MnistNetworks::batchNorm));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void attributionsAddUpToTheScoresDifference(String name, Supplier<Classifier> network) {
        Classifier classifier = network.get();
        Explainer explainer = new Explainer(classifier);
        ExampleSet test = MnistNetworks.mnist().test();
        float[] black = new float[classifier.inputSize()];
        double[] meanRelative = new double[STEPS.length];
        double[] worstRelative = new double[STEPS.length];
        int[] within = new int[STEPS.length];
        for (int e = 0; e < DIGITS; e++) {
            float[] image = test.image(e);
            int target = classifier.predict(image).label();
            for (int s = 0; s < STEPS.length; s++) {
                Explainer.Explanation explanation = explainer.integratedGradients(image, target, black, STEPS[s]);
                double difference = Math.abs(explanation.score() - explanation.baselineScore());
                double relative = explanation.completenessError() / difference;
                meanRelative[s] += relative / DIGITS;
                worstRelative[s] = Math.max(worstRelative[s], relative);
                within[s] += relative < 0.01 ? 1 : 0;
            }
        }
        for (int s = 0; s < STEPS.length; s++) {
            System.out.printf(
                    "Completeness, %s, %d steps: mean error %.5f%%, worst %.5f%% of |score − baselineScore|, %d within 1%%%n",
                    name, STEPS[s], 100 * meanRelative[s], 100 * worstRelative[s], within[s]);
        }
        assertThat(meanRelative[1]).as("the mean error at 64 steps").isLessThan(0.01);
        assertThat(within[1]).as("digits within 1% at 64 steps").isEqualTo(DIGITS);
        for (int s = 1; s < STEPS.length; s++) {
            if (meanRelative[s - 1] > FLOAT_FLOOR) {
                assertThat(meanRelative[s])
                        .as("%d steps against %d", STEPS[s], STEPS[s - 1])
                        .isLessThan(meanRelative[s - 1]);
            }
        }
    }
}
