package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** XOR of two inputs, as 2-pixel images: not linearly separable, so the hidden layer must learn. */
    private static ExampleSet xor() {
        byte on = (byte) 255;
        byte[] pixels = {0, 0, 0, on, on, 0, on, on};
        byte[] labels = {0, 1, 1, 0};
        return new ExampleSet(pixels, labels, 2, 2);
    }

    @Test
    void aSmallNetworkLearnsXor() {
        TrainingConfig config = new TrainingConfig(
                new Architecture(List.of(2, 8, 2), Activation.TANH, Activation.SOFTMAX, false),
                Initializer.XAVIER,
                Loss.CROSS_ENTROPY,
                new Optimizer.Sgd(0.5),
                2000,
                4,
                0,
                0,
                0,
                0,
                0,
                42);
        TrainingResult result = new Trainer(config).train(xor(), xor(), new TrainingMonitor() {});
        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(result.epochs().get(result.epochs().size() - 1).testAccuracy())
                .isEqualTo(1.0);
        Classifier classifier = result.network().freeze();
        assertThat(classifier.predict(new float[] {0, 1}).label()).isEqualTo(1);
        assertThat(classifier.predict(new float[] {1, 1}).label()).isEqualTo(0);
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsAndMetrics() throws IOException {
        ExampleSet data = Examples.random(300, 20, 3, 5);
        TrainingConfig config = new TrainingConfig(
                new Architecture(List.of(20, 16, 3), Activation.RELU, Activation.SOFTMAX, false),
                Initializer.HE,
                Loss.CROSS_ENTROPY,
                new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8),
                3,
                16,
                0.1,
                0.2,
                50,
                0,
                0,
                9);
        TrainingResult first = new Trainer(config).train(data, data, new TrainingMonitor() {});
        TrainingResult second = new Trainer(config).train(data, data, new TrainingMonitor() {});
        assertThat(bytes(second.network())).isEqualTo(bytes(first.network()));
        assertThat(metricsOnly(second)).isEqualTo(metricsOnly(first));

        TrainingConfig otherSeed = new TrainingConfig(
                config.architecture(),
                config.initializer(),
                config.loss(),
                config.optimizer(),
                3,
                16,
                0.1,
                0.2,
                50,
                0,
                0,
                10);
        TrainingResult third = new Trainer(otherSeed).train(data, data, new TrainingMonitor() {});
        assertThat(bytes(third.network())).isNotEqualTo(bytes(first.network()));
    }

    private static List<List<Object>> metricsOnly(TrainingResult result) {
        return result.epochs().stream()
                .map(e -> java.util.Arrays.<Object>asList(
                        e.trainLoss(),
                        e.trainAccuracy(),
                        e.validationLoss(),
                        e.validationAccuracy(),
                        e.testLoss(),
                        e.testAccuracy()))
                .toList();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"sgd with l2", "adam", "momentum with batch norm", "sgd in batches of 10", "adam with dropout"})
    void twoThreadsGiveTheSameBitsAsOne(String which) throws IOException {
        ExampleSet data = Examples.random(307, 20, 3, 5); // 307: the last batch is odd and smaller
        TrainingConfig config = switch (which) {
            case "sgd with l2" ->
                new TrainingConfig(
                        Architecture.of(20, 12, 3),
                        Initializer.NORMAL,
                        Loss.QUADRATIC,
                        new Optimizer.Sgd(3),
                        3,
                        MiniBatchStep.MIN_SHARED_BATCH,
                        0.5,
                        0,
                        0,
                        0,
                        0,
                        1);
            case "adam" ->
                new TrainingConfig(
                        new Architecture(List.of(20, 16, 9, 3), Activation.RELU, Activation.SOFTMAX, false),
                        Initializer.HE,
                        Loss.CROSS_ENTROPY,
                        new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8),
                        3,
                        MiniBatchStep.MIN_SHARED_BATCH + 1,
                        0.1,
                        0,
                        40,
                        0,
                        0,
                        2);
            case "sgd in batches of 10" -> // the first layer summed by halves of the pixels, one per thread
                new TrainingConfig(
                        Architecture.of(20, 12, 3),
                        Initializer.NORMAL,
                        Loss.QUADRATIC,
                        new Optimizer.Sgd(3),
                        3,
                        10,
                        0.5,
                        0,
                        0,
                        0,
                        0,
                        4);
            case "adam with dropout" ->
                new TrainingConfig(
                        new Architecture(List.of(20, 16, 9, 3), Activation.RELU, Activation.SOFTMAX, false),
                        Initializer.HE,
                        Loss.CROSS_ENTROPY,
                        new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8),
                        3,
                        MiniBatchStep.MIN_SHARED_BATCH + 1,
                        0.1,
                        0.3,
                        0,
                        0,
                        0,
                        5);
            default ->
                new TrainingConfig(
                        new Architecture(List.of(20, 16, 3), Activation.TANH, Activation.SOFTMAX, true),
                        Initializer.XAVIER,
                        Loss.CROSS_ENTROPY,
                        new Optimizer.Momentum(0.1, 0.9),
                        3,
                        MiniBatchStep.MIN_SHARED_BATCH,
                        0,
                        0,
                        0,
                        0,
                        0,
                        3);
        };
        TrainingResult one = new Trainer(config, 1).train(data, data, new TrainingMonitor() {});
        TrainingResult two = new Trainer(config, 2).train(data, data, new TrainingMonitor() {});
        assertThat(bytes(two.network())).isEqualTo(bytes(one.network()));
        assertThat(metricsOnly(two)).isEqualTo(metricsOnly(one));
        // Choosing by timing switches mid-run (here in the second epoch) without changing a bit.
        List<String> chosen = new java.util.ArrayList<>();
        TrainingResult choosing = Trainer.choosingThreads(config, null).train(data, data, new TrainingMonitor() {
            @Override
            public void threadsChosen(TrainingKernels kernels, String reason) {
                chosen.add(kernels.threads() + " | " + reason);
            }
        });
        assertThat(bytes(choosing.network())).isEqualTo(bytes(one.network()));
        assertThat(metricsOnly(choosing)).isEqualTo(metricsOnly(one));
        assertThat(chosen)
                .singleElement()
                .asString()
                .matches("([12]) \\| auto: \\1 threads?, .* µs an example against .*");
    }

    static byte[] bytes(Network network) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NetworkFormat.write(network, new DataOutputStream(out));
        return out.toByteArray();
    }

    @Test
    void stopsBetweenMiniBatchesWhenAsked() {
        ExampleSet data = Examples.random(200, 20, 3, 5);
        AtomicInteger batches = new AtomicInteger();
        TrainingResult result = new Trainer(config(List.of(20, 8, 3), 5, 10)).train(data, null, new TrainingMonitor() {
            @Override
            public void batchFinished(int epoch, int done, int total) {
                batches.incrementAndGet();
            }

            @Override
            public boolean stopRequested() {
                return batches.get() == 7;
            }
        });
        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.CANCELLED);
        assertThat(batches).hasValue(7);
        assertThat(result.epochs()).isEmpty();
    }

    @Test
    void aLossThatBecomesNotFiniteFailsWithTheEpoch() {
        ExampleSet data = Examples.random(200, 20, 3, 5);
        TrainingConfig exploding = new TrainingConfig(
                new Architecture(List.of(20, 8, 3), Activation.RELU, Activation.IDENTITY, false),
                Initializer.NORMAL,
                Loss.QUADRATIC,
                new Optimizer.Sgd(1000),
                5,
                10,
                0,
                0,
                0,
                0,
                0,
                1);
        assertThatThrownBy(() -> new Trainer(exploding).train(data, null, new TrainingMonitor() {}))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("diverged at epoch 1")
                .hasMessageContaining("lower the learning rate");
    }

    @Test
    void reportsValidationMetricsAndKeepsTheBestEpochWithEarlyStopping() {
        ExampleSet data = Examples.random(400, 20, 3, 5); // random labels: validation accuracy cannot keep improving
        TrainingConfig config = new TrainingConfig(
                new Architecture(List.of(20, 32, 3), Activation.SIGMOID, Activation.SOFTMAX, false),
                Initializer.XAVIER,
                Loss.CROSS_ENTROPY,
                new Optimizer.Sgd(1),
                40,
                10,
                0,
                0,
                100,
                0,
                2,
                3);
        TrainingResult result = new Trainer(config).train(data, null, new TrainingMonitor() {});
        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.EARLY_STOPPED);
        assertThat(result.epochs())
                .allSatisfy(epoch -> assertThat(epoch.validationAccuracy()).isNotNull());
        double best = result.epochs().stream()
                .mapToDouble(EpochResult::validationAccuracy)
                .max()
                .orElseThrow();
        assertThat(result.epochs().get(result.keptEpoch() - 1).validationAccuracy())
                .isEqualTo(best);
        assertThat(result.epochs()).hasSize(result.keptEpoch() + 2);
    }

    @Test
    void trainLimitAndValidationSizeDecideHowManyExamplesTrain() {
        ExampleSet data = Examples.random(500, 20, 3, 5);
        AtomicInteger perEpoch = new AtomicInteger();
        TrainingConfig config = new TrainingConfig(
                Architecture.of(20, 8, 3),
                Initializer.NORMAL,
                Loss.QUADRATIC,
                new Optimizer.Sgd(1),
                1,
                10,
                0,
                0,
                30,
                200,
                0,
                1);
        new Trainer(config).train(data, null, new TrainingMonitor() {
            @Override
            public void batchFinished(int epoch, int done, int total) {
                perEpoch.set(total);
            }
        });
        assertThat(perEpoch).hasValue(170);
    }

    private static TrainingConfig config(List<Integer> sizes, int epochs, int batch) {
        return new TrainingConfig(
                new Architecture(sizes, Activation.SIGMOID, Activation.SIGMOID, false),
                Initializer.NORMAL,
                Loss.QUADRATIC,
                new Optimizer.Sgd(3),
                epochs,
                batch,
                0,
                0,
                0,
                0,
                0,
                1);
    }
}
