package dev.backprop.engine;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a JVM of its own with the kernels a test chooses: trains small networks on one and on two
 * threads and prints, for each, whether the weights came out bit for bit the same.
 */
final class DeterminismReport {

    private DeterminismReport() {}

    public static void main(String[] args) throws IOException {
        ExampleSet data = Examples.random(203, 30, 3, 8);
        List<TrainingConfig> configs = List.of(
                TrainingConfig.builder(Architecture.of(30, 12, 3))
                        .batchSize(10)
                        .seed(1)
                        .build(),
                TrainingConfig.builder(
                                new Architecture(List.of(30, 16, 9, 3), Activation.RELU, Activation.SOFTMAX, false))
                        .loss(Loss.CROSS_ENTROPY)
                        .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8))
                        .batchSize(MiniBatchStep.MIN_SHARED_BATCH + 1)
                        .seed(2)
                        .build());
        System.out.println("kernels: " + Engine.kernels());
        for (TrainingConfig config : configs) {
            byte[] one = TrainerTest.bytes(new Trainer(config, 1)
                    .train(data, data, new TrainingMonitor() {})
                    .network());
            byte[] two = TrainerTest.bytes(new Trainer(config, 2)
                    .train(data, data, new TrainingMonitor() {})
                    .network());
            System.out.println("batch " + config.batchSize() + " same bits: " + Arrays.equals(one, two));
        }
    }
}
