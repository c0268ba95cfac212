package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backpropagation's gradients against central finite differences of the loss, {@code (C(w + ε) −
 * C(w − ε)) / 2ε}, for every hidden activation × output activation × loss the engine accepts, and for
 * L2, batch norm and dropout. The network runs in float, so the check is in double on the loss and
 * compares relative to the gradient's overall size.
 */
class GradientCheckTest {

    private static final double EPSILON = 1e-2;

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Activation hidden : Activation.values()) {
            if (!hidden.allowedInHiddenLayers()) {
                continue;
            }
            for (Activation output : Activation.values()) {
                if (!output.allowedInOutputLayer()) {
                    continue;
                }
                for (Loss loss : Loss.values()) {
                    if (loss.supports(output)) {
                        all.add(Arguments.of(hidden, output, loss));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("combinations")
    void backpropagationMatchesFiniteDifferences(Activation hidden, Activation output, Loss loss) {
        check(new Architecture(List.of(12, 9, 7, 4), hidden, output, false), loss, 0, 0);
    }

    @ParameterizedTest(name = "{0} hidden with batch norm")
    @MethodSource("hiddenActivations")
    void batchNormGradientsMatchFiniteDifferences(Activation hidden) {
        check(new Architecture(List.of(12, 9, 7, 4), hidden, Activation.SOFTMAX, true), Loss.CROSS_ENTROPY, 0, 0);
    }

    @ParameterizedTest(name = "{0} hidden with L2 and dropout")
    @MethodSource("hiddenActivations")
    void l2AndDropoutGradientsMatchFiniteDifferences(Activation hidden) {
        check(new Architecture(List.of(12, 9, 7, 4), hidden, Activation.SIGMOID, false), Loss.QUADRATIC, 5.0, 0.3);
    }

    static Stream<Activation> hiddenActivations() {
        return Stream.of(Activation.values()).filter(Activation::allowedInHiddenLayers);
    }

    private static void check(Architecture architecture, Loss loss, double l2, double dropout) {
        int count = 6;
        ExampleSet data = Examples.random(count, 12, 4, 7);
        TrainingConfig config = new TrainingConfig(
                architecture, Initializer.SCALED_NORMAL, loss, new Optimizer.Sgd(1), 1, count, l2, dropout, 0, 0, 0, 1);
        Network network = Network.create(architecture, Initializer.SCALED_NORMAL, new Random(3));
        MiniBatchStep step = MiniBatchStep.forGradients(network, config, count);
        int[] examples = Examples.all(count);
        float[][] analytic = step.gradients(data, examples, 0, count, new Random(11));
        float[][] parameters = parameters(network);
        assertThat(analytic.length).isEqualTo(parameters.length);

        double largest = 0;
        double worst = 0;
        for (int p = 0; p < parameters.length; p++) {
            for (int k = 0; k < parameters[p].length; k++) {
                float saved = parameters[p][k];
                parameters[p][k] = (float) (saved + EPSILON);
                double plus = cost(step, network, data, examples, count, l2);
                parameters[p][k] = (float) (saved - EPSILON);
                double minus = cost(step, network, data, examples, count, l2);
                parameters[p][k] = saved;
                double numeric = (plus - minus) / (2 * EPSILON);
                largest = Math.max(largest, Math.abs(numeric));
                worst = Math.max(worst, Math.abs(numeric - analytic[p][k]));
            }
        }
        assertThat(largest).as("the gradient is not trivially zero").isGreaterThan(1e-3);
        assertThat(worst / largest)
                .as("largest difference relative to the largest gradient")
                .isLessThan(2e-2);
    }

    /** Mean loss in training mode, with the same dropout mask each time, plus (λ/2n)·Σw². */
    private static double cost(
            MiniBatchStep step, Network network, ExampleSet data, int[] examples, int count, double l2) {
        double loss = step.loss(data, examples, 0, count, new Random(11)) / count;
        double squares = 0;
        for (DenseLayer layer : network.layers()) {
            for (float w : layer.weights.data) {
                squares += (double) w * w;
            }
        }
        return loss + l2 / (2.0 * count) * squares;
    }

    /** Weights, biases, γ, β of every layer, in the order {@link MiniBatchStep#gradients} returns them. */
    private static float[][] parameters(Network network) {
        List<float[]> parameters = new ArrayList<>();
        for (DenseLayer layer : network.layers()) {
            parameters.add(layer.weights.data);
            parameters.add(layer.batchNormalised() ? new float[0] : layer.biases.data);
            if (layer.batchNormalised()) {
                parameters.add(layer.batchNorm.gamma.data);
                parameters.add(layer.batchNorm.beta.data);
            }
        }
        return parameters.toArray(float[][]::new);
    }
}
