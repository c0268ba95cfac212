package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.dataset.RealMnist;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ClassifierTest {

    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"SIGMOID", "SOFTMAX", "IDENTITY"})
    void probabilitiesSumToOneAndAgreeWithTheSparsePath(Activation output) {
        Network network = Network.create(
                new Architecture(List.of(30, 16, 5), Activation.TANH, output, false),
                Initializer.XAVIER,
                new Random(2));
        Classifier classifier = network.freeze();
        ExampleSet data = Examples.random(700, 30, 5, 3); // more than one chunk, so chunks run in parallel
        float[] inputs = new float[700 * 30];
        for (int e = 0; e < 700; e++) {
            System.arraycopy(data.image(e), 0, inputs, e * 30, 30);
        }
        float[] probabilities = classifier.probabilities(inputs, 700);
        int[] predicted =
                classifier.evaluate(data, Examples.all(700), Loss.QUADRATIC).predicted();
        for (int e = 0; e < 700; e++) {
            double sum = 0;
            for (int j = 0; j < 5; j++) {
                sum += probabilities[e * 5 + j];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
            assertThat(Classifier.argMax(probabilities, e * 5, 5)).isEqualTo(predicted[e]);
        }
        assertThat(classifier.predict(data.image(699)).label()).isEqualTo(predicted[699]);
    }

    /** Raw pixels give the float path's probabilities to the bit, on real digits (a tail that is no tile of four too). */
    @Test
    void rawPixelsGiveTheFloatPathsBitsOnRealDigits() {
        ExampleSet test = RealMnist.load().test();
        int count = 1003;
        byte[] bytes = new byte[5 + count * 784];
        float[] floats = new float[count * 784];
        for (int e = 0; e < count; e++) {
            for (int i = 0; i < 784; i++) {
                bytes[5 + e * 784 + i] = (byte) test.pixel(e, i);
            }
            System.arraycopy(test.image(e), 0, floats, e * 784, 784);
        }
        for (Architecture shape : List.of(
                Architecture.of(784, 30, 10),
                new Architecture(List.of(784, 100, 10), Activation.RELU, Activation.SOFTMAX, false))) {
            Classifier classifier = Network.create(shape, Initializer.SCALED_NORMAL, new Random(7))
                    .freeze();
            assertThat(classifier.probabilities(bytes, 5, count))
                    .as("%s", shape)
                    .isEqualTo(classifier.probabilities(floats, count));
        }
        Classifier seed = Network.create(Architecture.of(784, 30, 10), Initializer.SCALED_NORMAL, new Random(7))
                .freeze();
        assertThatThrownBy(() -> seed.probabilities(bytes, 6, count)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Sigmoid outputs divided by their sum, against the quotient in doubles taken the log way: where no σ
     * underflows, where some do but the rest sum past 1, where some do and the rest are small, and where all do.
     * Where all do, log σ is a float near −100, whose last bit is 8e-6: hence the tolerance.
     */
    @ParameterizedTest
    @CsvSource({"0 -1 2 -3 1", "0 -90 -95 3 -200", "-90 -20 -30 -95 -88", "-120 -100 -110 -150 -101"})
    void sigmoidOutputsAreDividedByTheirSumEvenWhereTheyUnderflow(String biases) {
        int inputs = 30;
        int classes = 5;
        Network network = Network.create(
                new Architecture(List.of(inputs, classes), Activation.SIGMOID, Activation.SIGMOID, false),
                Initializer.XAVIER,
                new Random(4));
        DenseLayer layer = network.layers().get(0);
        String[] given = biases.split(" ");
        for (int j = 0; j < classes; j++) {
            layer.biases.data[j] = Float.parseFloat(given[j]);
        }
        ExampleSet data = Examples.random(300, inputs, classes, 5);
        float[] images = new float[300 * inputs];
        for (int e = 0; e < 300; e++) {
            System.arraycopy(data.image(e), 0, images, e * inputs, inputs);
        }
        float[] probabilities = network.freeze().probabilities(images, 300);
        boolean logWay = biases.startsWith("-120");
        for (int e = 0; e < 300; e++) {
            double[] logSigmoid = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                double z = layer.biases.data[j];
                for (int i = 0; i < inputs; i++) {
                    z += (double) layer.weights.data[i * classes + j] * images[e * inputs + i];
                }
                logSigmoid[j] = z > 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
                max = Math.max(max, logSigmoid[j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logSigmoid[j] - max);
            }
            for (int j = 0; j < classes; j++) {
                double expected = Math.exp(logSigmoid[j] - max) / sum;
                assertThat((double) probabilities[e * classes + j])
                        .as("example %d, class %d", e, j)
                        .isCloseTo(expected < Float.MIN_NORMAL ? 0 : expected, within(logWay ? 1e-5 : 1e-6));
            }
        }
    }
}
