package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run resumed from a written checkpoint ends exactly where the run that never stopped ends. */
class CheckpointTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam with batch norm, dropout and early stopping"})
    void resumingFromACheckpointGivesTheUninterruptedRunsWeights(String which) throws IOException {
        ExampleSet data = Examples.random(300, 20, 3, 5);
        TrainingConfig config = which.equals("sgd")
                ? TrainingConfig.builder(Architecture.of(20, 12, 3))
                        .initializer(Initializer.NORMAL)
                        .loss(Loss.QUADRATIC)
                        .optimizer(new Optimizer.Sgd(3))
                        .epochs(5)
                        .batchSize(10)
                        .l2(0.5)
                        .seed(4)
                        .build()
                : TrainingConfig.builder(
                                new Architecture(List.of(20, 16, 8, 3), Activation.RELU, Activation.SOFTMAX, true))
                        .initializer(Initializer.HE)
                        .loss(Loss.CROSS_ENTROPY)
                        .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8))
                        .epochs(5)
                        .batchSize(16)
                        .l2(0.1)
                        .dropout(0.2)
                        .validationSize(60)
                        .earlyStoppingPatience(3)
                        .seed(4)
                        .build();
        TrainingResult uninterrupted = new Trainer(config).train(data, data, new TrainingMonitor() {});

        byte[][] saved = new byte[1][];
        new Trainer(config).train(data, data, new TrainingMonitor() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
                if (checkpoint.epoch() == 2) {
                    saved[0] = bytes(checkpoint);
                }
            }

            @Override
            public boolean stopRequested() {
                return saved[0] != null; // the "crash": nothing after epoch 2 survives
            }
        });
        Checkpoint checkpoint = Checkpoint.read(new DataInputStream(new ByteArrayInputStream(saved[0])));
        assertThat(checkpoint.epoch()).isEqualTo(2);

        TrainingResult resumed = new Trainer(config).resume(checkpoint, data, data, new TrainingMonitor() {});

        assertThat(TrainerTest.bytes(resumed.network())).isEqualTo(TrainerTest.bytes(uninterrupted.network()));
        assertThat(resumed.outcome()).isEqualTo(uninterrupted.outcome());
        assertThat(resumed.keptEpoch()).isEqualTo(uninterrupted.keptEpoch());
        assertThat(resumed.epochs()).hasSameSizeAs(uninterrupted.epochs());
        for (int k = 0; k < resumed.epochs().size(); k++) {
            assertThat(resumed.epochs().get(k).testAccuracy())
                    .isEqualTo(uninterrupted.epochs().get(k).testAccuracy());
            assertThat(resumed.epochs().get(k).trainLoss())
                    .isEqualTo(uninterrupted.epochs().get(k).trainLoss());
        }
    }

    private static byte[] bytes(Checkpoint checkpoint) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            checkpoint.write(new DataOutputStream(out));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
