package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PiecewiseLinearPathTest {

    private static Classifier network(Activation hidden) {
        Architecture architecture = new Architecture(List.of(784, 32, 16, 10), hidden, Activation.SOFTMAX, false);
        return Network.create(architecture, Initializer.HE, new Random(3)).freeze();
    }

    private static float[] digit(Random random) {
        float[] pixels = new float[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(5) == 0 ? random.nextFloat() : 0;
        }
        return pixels;
    }

    @Test
    void reluNetworksAreIntegratedExactlyWhateverTheSteps() {
        Explainer explainer = new Explainer(network(Activation.RELU));
        Random random = new Random(5);
        for (int e = 0; e < 20; e++) {
            float[] input = digit(random);
            for (int steps : new int[] {1, 64}) {
                Explainer.Explanation explanation = explainer.integratedGradients(input, e % 10, new float[784], steps);
                double difference = Math.abs(explanation.score() - explanation.baselineScore());
                assertThat(explanation.completenessError()).isLessThan(1e-4 * Math.max(1, difference));
            }
        }
    }

    @Test
    void theBoundsRiseFromZeroToOneAndEachInnerOneIsAKink() {
        DenseLayer[] layers = network(Activation.RELU).frozenLayers();
        float[] input = digit(new Random(9));
        // From a black baseline a fresh network (biases 0) scales every z with α: no kinks. From another
        // digit the path crosses some of its 48 ReLUs.
        float[] baseline = digit(new Random(8));
        double[] bounds = PiecewiseLinearPath.bounds(layers, baseline, input);
        assertThat(bounds[0]).isZero();
        assertThat(bounds[bounds.length - 1]).isEqualTo(1);
        assertThat(bounds.length).isGreaterThan(3);
        for (int k = 1; k < bounds.length; k++) {
            assertThat(bounds[k]).isGreaterThan(bounds[k - 1]);
        }
        // The first layer's z is linear along the path: every kink of it is one of the bounds.
        DenseLayer first = layers[0];
        for (int j = 0; j < first.units(); j++) {
            double start = first.biases.data[j];
            double slope = 0;
            for (int i = 0; i < 784; i++) {
                double weight = first.weights.data[i * first.units() + j];
                start += weight * baseline[i];
                slope += weight * ((double) input[i] - baseline[i]);
            }
            double crossing = -start / slope;
            if (crossing > 0 && crossing < 1) {
                assertThat(java.util.Arrays.stream(bounds).anyMatch(bound -> Math.abs(bound - crossing) < 1e-9))
                        .as("first-layer unit %d reaches 0 at %s", j, crossing)
                        .isTrue();
            }
        }
    }

    @Test
    void onlyReluNetworksScoredOnTheLogitArePiecewiseLinear() {
        assertThat(PiecewiseLinearPath.applies(network(Activation.RELU).frozenLayers()))
                .isTrue();
        assertThat(PiecewiseLinearPath.applies(network(Activation.TANH).frozenLayers()))
                .isFalse();
        assertThat(PiecewiseLinearPath.applies(network(Activation.SOFTPLUS).frozenLayers()))
                .isFalse();
    }
}
