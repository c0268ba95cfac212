package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.engine.kernels.Loops;
import dev.backprop.engine.kernels.NativeBlas;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The determinism promise on each product path (the same request and seed give bit-identical weights on
 * the same machine with the same kernels and thread count), and the fallback when no native BLAS loads.
 */
class KernelPathTest {

    /** Wide enough (256 units) for the trainer to send its products through the native BLAS. */
    private static TrainingConfig wide(Optimizer optimizer, int batch) {
        return TrainingConfig.builder(new Architecture(
                        List.of(30, NativeBlas.MIN_UNITS, 3), Activation.RELU, Activation.SOFTMAX, false))
                .initializer(Initializer.HE)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(optimizer)
                .epochs(2)
                .batchSize(batch)
                .l2(0.1)
                .seed(4)
                .build();
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void theNativeBlasPathGivesTheSameBitsForTheSameSeed(int threads) throws IOException {
        assumeTrue(NativeBlas.INSTANCE != null, "no native BLAS on this machine (install libopenblas0-pthread)");
        ExampleSet data = Examples.random(203, 30, 3, 8);
        for (Optimizer optimizer : List.of(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8), new Optimizer.Sgd(0.5))) {
            Trainer trainer = new Trainer(wide(optimizer, 40), threads);
            assertThat(trainer.kernels().usesNativeBlas()).isTrue();
            TrainingResult first = trainer.train(data, data, new TrainingMonitor() {});
            TrainingResult second = trainer.train(data, data, new TrainingMonitor() {});
            assertThat(TrainerTest.bytes(second.network())).isEqualTo(TrainerTest.bytes(first.network()));
            assertThat(first.epochs().get(1).trainLoss())
                    .isEqualTo(second.epochs().get(1).trainLoss());
        }
    }

    @Test
    void smallLayersAndSmallBatchesKeepToTheEnginesOwnKernels() {
        assertThat(new Trainer(wide(new Optimizer.Sgd(1), 10), 2).kernels().usesNativeBlas())
                .as("batches of 10")
                .isFalse();
        assertThat(new Trainer(TrainingConfig.seedNetwork(1), 2).kernels())
                .as("the seed network's batches of 10 on both threads, by halves of the pixels")
                .isEqualTo(new TrainingKernels(Engine.kernels(), null, 2));
    }

    @Test
    void turningTheNativeBlasOffLoadsNone() {
        assertThat(NativeBlas.load("false")).isNull();
    }

    @Test
    void theSystemPropertyTurnsTheNativeBlasOffForAWholeJvm() throws Exception {
        String output = JvmOfItsOwn.run(KernelReport.class, "-D" + NativeBlas.USE_NATIVE + "=false");
        assertThat(output)
                .containsPattern("kernels: (scalar|vector-\\d+) loops, no native BLAS, 2 threads")
                .contains("native BLAS turned off (-D" + NativeBlas.USE_NATIVE + "=false)");
    }

    /** The plain loops (no Vector API) keep the promise too: one thread or two, the same bits. */
    @Test
    void thePlainLoopsGiveTheSameBitsOnOneThreadAndOnTwo() throws Exception {
        String output = JvmOfItsOwn.run(DeterminismReport.class, "-D" + Loops.FORCE_SCALAR + "=true");
        assertThat(output)
                .contains("kernels: scalar")
                .contains("batch 10 same bits: true")
                .contains("batch " + (MiniBatchStep.MIN_SHARED_BATCH + 1) + " same bits: true");
    }

    /**
     * Without a native BLAS a wide network trains on the engine's own kernels; the same steps then give
     * the same weights to float rounding (the two sum in different orders), and the same bits every time.
     */
    @Test
    void theFallbackTrainsWideLayersLikeTheNativeBlas() throws IOException {
        ExampleSet data = Examples.random(160, 30, 3, 8);
        TrainingConfig config = wide(new Optimizer.Momentum(0.05, 0.9), 40);
        Network fallback = trainSteps(config, data, null);
        assertThat(TrainerTest.bytes(trainSteps(config, data, null))).isEqualTo(TrainerTest.bytes(fallback));
        assumeTrue(NativeBlas.INSTANCE != null, "no native BLAS to compare the fallback with");
        Network through = trainSteps(config, data, NativeBlas.INSTANCE);
        float[] expected = through.layers().get(0).weights.data;
        float[] actual = fallback.layers().get(0).weights.data;
        double largest = 0;
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            largest = Math.max(largest, Math.abs(expected[k]));
            worst = Math.max(worst, Math.abs(expected[k] - actual[k]));
        }
        assertThat(worst / largest).isLessThan(1e-4).isGreaterThan(0);
    }

    private static Network trainSteps(TrainingConfig config, ExampleSet data, NativeBlas blas) {
        Network network = Network.create(config.architecture(), config.initializer(), new Random(2));
        int[] examples = Examples.all(data.count());
        try (MiniBatchStep step = new MiniBatchStep(network, config, data.count(), 1, blas)) {
            for (int from = 0; from < data.count(); from += config.batchSize()) {
                step.train(data, examples, from, config.batchSize(), new Random(from));
            }
        }
        return network;
    }
}
