package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GradientCheckTest}'s check carried to the input: backpropagation's {@code ∂C/∂x} (through the
 * frozen network, batch norm folded) against central finite differences of the loss in the pixels, for
 * every hidden activation × output activation × loss, with and without batch norm, to the weight
 * gradients' tolerance; and the explained score's gradient ({@link Explainer}) for every output kind.
 */
class InputGradientCheckTest {

    private static final double EPSILON = 1e-2;
    private static final double TOLERANCE = 2e-2;
    private static final int FEATURES = 12;
    private static final int COUNT = 6;

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("dev.backprop.engine.GradientCheckTest#combinations")
    void inputGradientOfTheLossMatchesFiniteDifferences(Activation hidden, Activation output, Loss loss) {
        checkLoss(new Architecture(List.of(FEATURES, 9, 7, 4), hidden, output, false), loss);
    }

    @ParameterizedTest(name = "{0} hidden with batch norm")
    @MethodSource("dev.backprop.engine.GradientCheckTest#hiddenActivations")
    void inputGradientThroughFoldedBatchNormMatchesFiniteDifferences(Activation hidden) {
        checkLoss(new Architecture(List.of(FEATURES, 9, 7, 4), hidden, Activation.SOFTMAX, true), Loss.CROSS_ENTROPY);
    }

    @ParameterizedTest(name = "{0} output")
    @EnumSource(
            value = Activation.class,
            names = {"SIGMOID", "SOFTMAX", "IDENTITY"})
    void explainedScoresGradientMatchesFiniteDifferences(Activation output) {
        Classifier classifier = classifier(new Architecture(List.of(FEATURES, 9, 7, 4), Activation.TANH, output, true));
        Explainer explainer = new Explainer(classifier);
        float[] x = inputs(1);
        for (int target = 0; target < 4; target++) {
            float[] analytic = explainer.saliency(x, target).attributions();
            double[] numeric = new double[FEATURES];
            for (int i = 0; i < FEATURES; i++) {
                float saved = x[i];
                x[i] = (float) (saved + EPSILON);
                double plus = explainer.scores(x, 1, target)[0];
                x[i] = (float) (saved - EPSILON);
                double minus = explainer.scores(x, 1, target)[0];
                x[i] = saved;
                numeric[i] = (plus - minus) / (2 * EPSILON);
            }
            assertClose(analytic, numeric, output + " output, target " + target);
        }
    }

    private static void checkLoss(Architecture architecture, Loss loss) {
        InputGradients gradients = new InputGradients(classifier(architecture));
        float[] x = inputs(COUNT);
        int[] labels = new Random(5).ints(COUNT, 0, 4).toArray();
        InputGradients.Pass pass = gradients.forward(x, COUNT);
        float[] delta = new float[4 * COUNT];
        loss.outputError(architecture.outputActivation(), pass.outputZ(), pass.outputA(), labels, delta, 4, COUNT);
        float[] analytic = new float[FEATURES * COUNT];
        pass.backward(delta, analytic);

        double[] numeric = new double[analytic.length];
        for (int k = 0; k < x.length; k++) {
            float saved = x[k];
            x[k] = (float) (saved + EPSILON);
            double plus = cost(gradients, x, labels, loss, architecture.outputActivation());
            x[k] = (float) (saved - EPSILON);
            double minus = cost(gradients, x, labels, loss, architecture.outputActivation());
            x[k] = saved;
            numeric[k] = (plus - minus) / (2 * EPSILON);
        }
        assertClose(analytic, numeric, architecture + ", " + loss);
    }

    private static void assertClose(float[] analytic, double[] numeric, String where) {
        double largest = 0;
        double worst = 0;
        for (int k = 0; k < numeric.length; k++) {
            largest = Math.max(largest, Math.abs(numeric[k]));
            worst = Math.max(worst, Math.abs(numeric[k] - analytic[k]));
        }
        assertThat(largest)
                .as("the gradient is not trivially zero (" + where + ")")
                .isGreaterThan(1e-3);
        assertThat(worst / largest)
                .as("largest difference relative to the largest gradient (" + where + ")")
                .isLessThan(TOLERANCE);
    }

    /** The summed loss of the batch through the frozen network. */
    private static double cost(InputGradients gradients, float[] x, int[] labels, Loss loss, Activation output) {
        InputGradients.Pass pass = gradients.forward(x, COUNT);
        return loss.total(output, pass.outputZ(), pass.outputA(), labels, 4, COUNT);
    }

    /** A random network, its batch norm (where present) given statistics and scales far from the identity. */
    private static Classifier classifier(Architecture architecture) {
        Network network = Network.create(architecture, Initializer.SCALED_NORMAL, new Random(3));
        Random random = new Random(9);
        for (DenseLayer layer : network.layers()) {
            if (layer.batchNormalised()) {
                for (float[] values : layer.batchNorm.arrays()) {
                    for (int j = 0; j < values.length; j++) {
                        values[j] = 0.5f + random.nextFloat();
                    }
                }
            }
        }
        return network.freeze();
    }

    /** Pixels in [0, 1], about a third of them zero as in MNIST's background. */
    private static float[] inputs(int count) {
        Random random = new Random(7);
        float[] x = new float[count * FEATURES];
        for (int k = 0; k < x.length; k++) {
            x[k] = random.nextInt(3) == 0 ? 0 : random.nextFloat();
        }
        return x;
    }
}
