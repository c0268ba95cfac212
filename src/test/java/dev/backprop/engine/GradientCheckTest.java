package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.kernels.NativeBlas;
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
 * L2, batch norm and dropout; each on both update paths (fused SGD and the optimiser's) and both
 * product paths (the engine's own kernels and, where it loads, the native BLAS). The gradient is read
 * off one real training step ({@link GradientProbe}). The network runs in float, so the check is in
 * double on the loss and compares relative to the gradient's overall size.
 */
class GradientCheckTest {

    private static final double EPSILON = 1e-2;

    /** The product paths to check: the engine's own kernels always, the native BLAS where it loaded. */
    static List<NativeBlas> productPaths() {
        List<NativeBlas> paths = new ArrayList<>();
        paths.add(null);
        if (NativeBlas.INSTANCE != null) {
            paths.add(NativeBlas.INSTANCE);
        }
        return paths;
    }

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
        checkEveryPath(new Architecture(List.of(12, 9, 7, 4), hidden, output, false), loss, 0, 0);
    }

    @ParameterizedTest(name = "{0} hidden with batch norm")
    @MethodSource("hiddenActivations")
    void batchNormGradientsMatchFiniteDifferences(Activation hidden) {
        checkEveryPath(
                new Architecture(List.of(12, 9, 7, 4), hidden, Activation.SOFTMAX, true), Loss.CROSS_ENTROPY, 0, 0);
    }

    @ParameterizedTest(name = "{0} hidden with L2 and dropout")
    @MethodSource("hiddenActivations")
    void l2AndDropoutGradientsMatchFiniteDifferences(Activation hidden) {
        checkEveryPath(
                new Architecture(List.of(12, 9, 7, 4), hidden, Activation.SIGMOID, false), Loss.QUADRATIC, 5.0, 0.3);
    }

    static Stream<Activation> hiddenActivations() {
        return Stream.of(Activation.values()).filter(Activation::allowedInHiddenLayers);
    }

    private static void checkEveryPath(Architecture architecture, Loss loss, double l2, double dropout) {
        for (NativeBlas blas : productPaths()) {
            for (GradientProbe.UpdatePath path : GradientProbe.UpdatePath.values()) {
                check(architecture, loss, l2, dropout, path, blas);
            }
        }
    }

    private static void check(
            Architecture architecture,
            Loss loss,
            double l2,
            double dropout,
            GradientProbe.UpdatePath path,
            NativeBlas blas) {
        int count = 6;
        ExampleSet data = Examples.random(count, 12, 4, 7);
        TrainingConfig config = TrainingConfig.builder(architecture)
                .initializer(Initializer.SCALED_NORMAL)
                .loss(loss)
                .epochs(1)
                .batchSize(count)
                .l2(l2)
                .dropout(dropout)
                .build();
        Network network = Network.create(architecture, Initializer.SCALED_NORMAL, new Random(3));
        int[] examples = Examples.all(count);
        float[][] analytic = GradientProbe.gradients(network, config, path, blas, data, examples, new Random(11));
        float[][] parameters = GradientProbe.parameters(network);
        assertThat(analytic.length).isEqualTo(parameters.length);

        double largest = 0;
        double worst = 0;
        try (MiniBatchStep step = new MiniBatchStep(network, config, count, 1, blas)) {
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
        }
        String where = path + (blas == null ? ", own kernels" : ", native BLAS");
        assertThat(largest)
                .as("the gradient is not trivially zero (" + where + ")")
                .isGreaterThan(1e-3);
        assertThat(worst / largest)
                .as("largest difference relative to the largest gradient (" + where + ")")
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
}
