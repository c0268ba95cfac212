package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
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
}
