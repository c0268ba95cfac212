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
        TrainingConfig config = TrainingConfig.builder(
                        new Architecture(List.of(2, 8, 2), Activation.TANH, Activation.SOFTMAX, false))
                .initializer(Initializer.XAVIER)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Sgd(0.5))
                .epochs(2000)
                .batchSize(4)
                .seed(42)
                .build();
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
        TrainingConfig config = TrainingConfig.builder(
                        new Architecture(List.of(20, 16, 3), Activation.RELU, Activation.SOFTMAX, false))
                .initializer(Initializer.HE)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8))
                .epochs(3)
                .batchSize(16)
                .l2(0.1)
                .dropout(0.2)
                .validationSize(50)
                .seed(9)
                .build();
        TrainingResult first = new Trainer(config).train(data, data, new TrainingMonitor() {});
        TrainingResult second = new Trainer(config).train(data, data, new TrainingMonitor() {});
        assertThat(bytes(second.network())).isEqualTo(bytes(first.network()));
        assertThat(metricsOnly(second)).isEqualTo(metricsOnly(first));

        TrainingConfig otherSeed = TrainingConfig.builder(config.architecture())
                .initializer(config.initializer())
                .loss(config.loss())
                .optimizer(config.optimizer())
                .epochs(3)
                .batchSize(16)
                .l2(0.1)
                .dropout(0.2)
                .validationSize(50)
                .seed(10)
                .build();
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
                TrainingConfig.builder(Architecture.of(20, 12, 3))
                        .initializer(Initializer.NORMAL)
                        .loss(Loss.QUADRATIC)
                        .optimizer(new Optimizer.Sgd(3))
                        .epochs(3)
                        .batchSize(MiniBatchStep.MIN_SHARED_BATCH)
                        .l2(0.5)
                        .seed(1)
                        .build();
            case "adam" ->
                TrainingConfig.builder(
                                new Architecture(List.of(20, 16, 9, 3), Activation.RELU, Activation.SOFTMAX, false))
                        .initializer(Initializer.HE)
                        .loss(Loss.CROSS_ENTROPY)
                        .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8))
                        .epochs(3)
                        .batchSize(MiniBatchStep.MIN_SHARED_BATCH + 1)
                        .l2(0.1)
                        .validationSize(40)
                        .seed(2)
                        .build();
            case "sgd in batches of 10" -> // the first layer summed by halves of the pixels, one per thread
                TrainingConfig.builder(Architecture.of(20, 12, 3))
                        .initializer(Initializer.NORMAL)
                        .loss(Loss.QUADRATIC)
                        .optimizer(new Optimizer.Sgd(3))
                        .epochs(3)
                        .batchSize(10)
                        .l2(0.5)
                        .seed(4)
                        .build();
            case "adam with dropout" ->
                TrainingConfig.builder(
                                new Architecture(List.of(20, 16, 9, 3), Activation.RELU, Activation.SOFTMAX, false))
                        .initializer(Initializer.HE)
                        .loss(Loss.CROSS_ENTROPY)
                        .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8))
                        .epochs(3)
                        .batchSize(MiniBatchStep.MIN_SHARED_BATCH + 1)
                        .l2(0.1)
                        .dropout(0.3)
                        .seed(5)
                        .build();
            default ->
                TrainingConfig.builder(new Architecture(List.of(20, 16, 3), Activation.TANH, Activation.SOFTMAX, true))
                        .initializer(Initializer.XAVIER)
                        .loss(Loss.CROSS_ENTROPY)
                        .optimizer(new Optimizer.Momentum(0.1, 0.9))
                        .epochs(3)
                        .batchSize(MiniBatchStep.MIN_SHARED_BATCH)
                        .seed(3)
                        .build();
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
        TrainingConfig exploding = TrainingConfig.builder(
                        new Architecture(List.of(20, 8, 3), Activation.RELU, Activation.IDENTITY, false))
                .initializer(Initializer.NORMAL)
                .loss(Loss.QUADRATIC)
                .optimizer(new Optimizer.Sgd(1000))
                .epochs(5)
                .batchSize(10)
                .seed(1)
                .build();
        assertThatThrownBy(() -> new Trainer(exploding).train(data, null, new TrainingMonitor() {}))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("diverged at epoch 1")
                .hasMessageContaining("lower the learning rate");
    }

    @Test
    void reportsValidationMetricsAndKeepsTheBestEpochWithEarlyStopping() {
        ExampleSet data = Examples.random(400, 20, 3, 5); // random labels: validation accuracy cannot keep improving
        TrainingConfig config = TrainingConfig.builder(
                        new Architecture(List.of(20, 32, 3), Activation.SIGMOID, Activation.SOFTMAX, false))
                .initializer(Initializer.XAVIER)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Sgd(1))
                .epochs(40)
                .batchSize(10)
                .validationSize(100)
                .earlyStoppingPatience(2)
                .seed(3)
                .build();
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
        TrainingConfig config = TrainingConfig.builder(Architecture.of(20, 8, 3))
                .initializer(Initializer.NORMAL)
                .loss(Loss.QUADRATIC)
                .optimizer(new Optimizer.Sgd(1))
                .epochs(1)
                .batchSize(10)
                .validationSize(30)
                .trainLimit(200)
                .seed(1)
                .build();
        new Trainer(config).train(data, null, new TrainingMonitor() {
            @Override
            public void batchFinished(int epoch, int done, int total) {
                perEpoch.set(total);
            }
        });
        assertThat(perEpoch).hasValue(170);
    }

    private static TrainingConfig config(List<Integer> sizes, int epochs, int batch) {
        return TrainingConfig.builder(new Architecture(sizes, Activation.SIGMOID, Activation.SIGMOID, false))
                .initializer(Initializer.NORMAL)
                .loss(Loss.QUADRATIC)
                .optimizer(new Optimizer.Sgd(3))
                .epochs(epochs)
                .batchSize(batch)
                .seed(1)
                .build();
    }
}
