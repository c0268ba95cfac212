package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each diagnostic against the same figures worked out by hand, in doubles, on a [3, 2, 2] network. */
class ProbeDiagnosticsTest {

    private static final double TOLERANCE = 1e-5;

    // Four 3-pixel images (0–255) and their labels.
    private static final int[][] PIXELS = {{0, 255, 51}, {255, 0, 102}, {153, 204, 0}, {255, 255, 255}};
    private static final byte[] LABELS = {0, 1, 1, 0};
    // Row-major W¹ (2 × 3), b¹, W² (2 × 2), b².
    private static final float[] W1 = {0.5f, -1.0f, 0.25f, -0.75f, 0.3f, 1.2f};
    private static final float[] B1 = {0.1f, -0.2f};
    private static final float[] W2 = {1.5f, -0.5f, -1.0f, 0.8f};
    private static final float[] B2 = {-0.3f, 0.4f};

    private static ExampleSet examples() {
        byte[] pixels = new byte[PIXELS.length * 3];
        for (int x = 0; x < PIXELS.length; x++) {
            for (int i = 0; i < 3; i++) {
                pixels[x * 3 + i] = (byte) PIXELS[x][i];
            }
        }
        return new ExampleSet(pixels, LABELS, 3, 2);
    }

    private static Network network(Activation hidden) {
        return LayerParameters.network(
                new Architecture(List.of(3, 2, 2), hidden, Activation.SIGMOID, false),
                List.of(W1.clone(), W2.clone()),
                List.of(B1.clone(), B2.clone()));
    }

    @Test
    void everyDiagnosticMatchesTheHandComputedPass() {
        Diagnosis diagnosis = new ProbeDiagnostics(
                        network(Activation.SIGMOID), Loss.CROSS_ENTROPY, examples(), Split.all(4))
                .measure(0, 0, false);
        // By hand: z¹ = W¹x + b¹, a¹ = σ(z¹), z² = W²a¹ + b², a² = σ(z²); cross-entropy gives δ² = a² − y,
        // δ¹ = (W²ᵀδ²) ⊙ σ'(z¹); ∂C/∂b = mean of δ, ∂C/∂W = mean of δ·aᵀ.
        double[] gradB1 = new double[2];
        double[] gradB2 = new double[2];
        double[] gradW1 = new double[6];
        double[] gradW2 = new double[4];
        double[] a1All = new double[8];
        double[] a2All = new double[8];
        for (int x = 0; x < 4; x++) {
            double[] in = {PIXELS[x][0] / 255.0, PIXELS[x][1] / 255.0, PIXELS[x][2] / 255.0};
            double[] a1 = new double[2];
            for (int j = 0; j < 2; j++) {
                a1[j] = sigmoid(B1[j] + W1[j * 3] * in[0] + W1[j * 3 + 1] * in[1] + W1[j * 3 + 2] * in[2]);
                a1All[x * 2 + j] = a1[j];
            }
            double[] d2 = new double[2];
            for (int j = 0; j < 2; j++) {
                double a2 = sigmoid(B2[j] + W2[j * 2] * a1[0] + W2[j * 2 + 1] * a1[1]);
                a2All[x * 2 + j] = a2;
                d2[j] = a2 - (LABELS[x] == j ? 1 : 0);
                gradB2[j] += d2[j] / 4;
                gradW2[j * 2] += d2[j] * a1[0] / 4;
                gradW2[j * 2 + 1] += d2[j] * a1[1] / 4;
            }
            for (int j = 0; j < 2; j++) {
                double d1 = (W2[j] * d2[0] + W2[2 + j] * d2[1]) * a1[j] * (1 - a1[j]);
                gradB1[j] += d1 / 4;
                for (int i = 0; i < 3; i++) {
                    gradW1[j * 3 + i] += d1 * in[i] / 4;
                }
            }
        }
        LayerDiagnostics first = diagnosis.layers().get(0);
        LayerDiagnostics second = diagnosis.layers().get(1);
        assertThat(first.layer()).isEqualTo(1);
        assertThat(first.weightNorm()).isCloseTo(norm(W1), within(TOLERANCE));
        assertThat(second.weightNorm()).isCloseTo(norm(W2), within(TOLERANCE));
        assertThat(first.gradientNorm()).isCloseTo(norm(gradW1), within(TOLERANCE));
        assertThat(second.gradientNorm()).isCloseTo(norm(gradW2), within(TOLERANCE));
        assertThat(first.biasGradientNorm()).isCloseTo(norm(gradB1), within(TOLERANCE));
        assertThat(second.biasGradientNorm()).isCloseTo(norm(gradB2), within(TOLERANCE));
        assertThat(first.activationMean()).isCloseTo(mean(a1All), within(TOLERANCE));
        assertThat(first.activationStd()).isCloseTo(std(a1All), within(TOLERANCE));
        assertThat(second.activationMean()).isCloseTo(mean(a2All), within(TOLERANCE));
        assertThat(second.activationStd()).isCloseTo(std(a2All), within(TOLERANCE));
        assertThat(first.saturated()).isEqualTo(share(a1All, 0, 1));
        assertThat(first.dead()).isNull();
        assertThat(first.updateRatio()).as("no step taken yet").isNull();
    }

    @Test
    void theUpdateRatioIsTheLastStepsChangeOverTheWeights() {
        // One step per epoch on the whole probe, plain SGD without L2: ΔW = −η·∂C/∂W measured before the step.
        TrainingConfig config = TrainingConfig.builder(
                        new Architecture(List.of(3, 2, 2), Activation.SIGMOID, Activation.SIGMOID, false))
                .initializer(Initializer.SCALED_NORMAL)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Sgd(0.7))
                .epochs(2)
                .batchSize(4)
                .seed(3)
                .build();
        List<Diagnosis> seen = new java.util.ArrayList<>();
        new Trainer(config, 1, new DiagnosticsSettings(4, 0)).train(examples(), null, new TrainingMonitor() {
            @Override
            public void diagnosed(Diagnosis diagnosis) {
                seen.add(diagnosis);
            }
        });
        assertThat(seen).extracting(Diagnosis::epoch).containsExactly(0, 1, 2);
        assertThat(seen).extracting(Diagnosis::endOfEpoch).containsExactly(false, true, true);
        for (int l = 0; l < 2; l++) {
            LayerDiagnostics before = seen.get(1).layers().get(l);
            LayerDiagnostics after = seen.get(2).layers().get(l);
            assertThat(after.updateRatio()).isCloseTo(0.7 * before.gradientNorm() / after.weightNorm(), within(1e-5));
        }
    }

    @Test
    void saturatedCountsSigmoidAndTanhActivationsNearTheirBounds() {
        for (Activation hidden : List.of(Activation.SIGMOID, Activation.TANH)) {
            // Unit 1 is driven far past its bounds on every image but the blank one; unit 2 sits at its middle.
            Network network = LayerParameters.network(
                    new Architecture(List.of(3, 2, 2), hidden, Activation.SIGMOID, false),
                    List.of(new float[] {40, 40, 40, 0, 0, 0}, W2.clone()),
                    List.of(new float[] {0, 0}, B2.clone()));
            ExampleSet data = new ExampleSet(
                    new byte[] {0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255}, new byte[4], 3, 2);
            LayerDiagnostics layer = new ProbeDiagnostics(network, Loss.CROSS_ENTROPY, data, Split.all(4))
                    .measure(0, 0, false)
                    .layers()
                    .get(0);
            // Sigmoid: unit 1 at σ(0) = 0.5 on the blank image, near 1 on three; unit 2 at 0.5 throughout.
            // Tanh: unit 1 at 0 on the blank image, near 1 on three; unit 2 at 0 throughout.
            assertThat(layer.saturated()).as(hidden.name()).isEqualTo(3.0 / 8);
            assertThat(layer.dead()).isNull();
        }
    }

    @Test
    void deadCountsReluUnitsThatNeverFire() {
        // Unit 1 has only negative weights and bias: never fires on pixels ≥ 0. Unit 2 always fires.
        Network network = LayerParameters.network(
                new Architecture(List.of(3, 2, 2), Activation.RELU, Activation.SIGMOID, false),
                List.of(new float[] {-1, -2, -3, 1, 1, 1}, W2.clone()),
                List.of(new float[] {-0.1f, 0.5f}, B2.clone()));
        LayerDiagnostics layer = new ProbeDiagnostics(network, Loss.CROSS_ENTROPY, examples(), Split.all(4))
                .measure(0, 0, false)
                .layers()
                .get(0);
        assertThat(layer.dead()).isEqualTo(0.5);
        assertThat(layer.saturated()).isNull();
        assertThat(layer.biasGradientNorm())
                .as("a dead unit passes no error down")
                .isGreaterThan(0);
    }

    @Test
    void histogramsCountEveryWeightOnce() {
        Network network = Network.create(Architecture.of(784, 30, 10), Initializer.NORMAL, new Random(5));
        Diagnosis diagnosis = new ProbeDiagnostics(
                        network, Loss.QUADRATIC, Examples.random(20, 784, 10, 1), Split.all(20))
                .measure(0, 0, false);
        for (int l = 0; l < 2; l++) {
            DenseLayer layer = network.layers().get(l);
            LayerDiagnostics.Histogram histogram = diagnosis.layers().get(l).weightHistogram();
            assertThat(histogram.edges()).hasSize(21);
            assertThat(histogram.counts()).hasSize(20);
            assertThat(Arrays.stream(histogram.counts()).sum()).isEqualTo((long) layer.units() * layer.inputs());
            float[] weights = layer.weights.data;
            assertThat(histogram.edges()[0]).isEqualTo(min(weights));
            assertThat(histogram.edges()[20]).isEqualTo(max(weights));
            assertThat(histogram.counts()[0]).isPositive();
            assertThat(histogram.counts()[19]).isPositive();
        }
        long total = diagnosis.layers().stream()
                .mapToLong(d -> Arrays.stream(d.weightHistogram().counts()).sum())
                .sum();
        long biases = 30 + 10;
        assertThat(total + biases).isEqualTo(network.parameterCount());
    }

    @Test
    void measuringLeavesTheNetworkAndItsTrainingAsTheyWere() {
        ExampleSet data = Examples.random(64, 20, 4, 2);
        TrainingConfig config = TrainingConfig.builder(
                        new Architecture(List.of(20, 8, 8, 4), Activation.SIGMOID, Activation.SOFTMAX, true))
                .initializer(Initializer.SCALED_NORMAL)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Sgd(0.1))
                .epochs(3)
                .batchSize(16)
                .seed(9)
                .build();
        Network plain =
                new Trainer(config).train(data, null, new TrainingMonitor() {}).network();
        int[] seen = new int[1];
        Network probed = new Trainer(config, 1, new DiagnosticsSettings(32, 2))
                .train(data, null, new TrainingMonitor() {
                    @Override
                    public void diagnosed(Diagnosis diagnosis) {
                        seen[0]++;
                    }
                })
                .network();
        // Before training, 3 epoch ends, and steps 2, 4, 6, 8, 10, 12 of 12.
        assertThat(seen[0]).isEqualTo(1 + 3 + 6);
        assertThat(LayerParameters.of(probed))
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(LayerParameters.of(plain));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    private static double norm(double[] values) {
        return Math.sqrt(Arrays.stream(values).map(v -> v * v).sum());
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double std(double[] values) {
        double mean = mean(values);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length);
    }

    private static Double share(double[] values, double low, double high) {
        return (double) Arrays.stream(values)
                        .filter(v -> v <= low + 0.02 || v >= high - 0.02)
                        .count()
                / values.length;
    }

    private static double min(float[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static double max(float[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
