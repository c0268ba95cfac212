package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Measuring every few epochs changes what is reported, never the weights. */
class MeasureEveryTest {

    private static TrainingConfig config(int measureEvery) {
        return TrainingConfig.builder(Architecture.of(20, 12, 3))
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Sgd(0.5))
                .epochs(7)
                .batchSize(10)
                .l2(0.5)
                .validationSize(40)
                .seed(11)
                .measureEvery(measureEvery)
                .build();
    }

    @Test
    void onlyEveryNthAndTheLastEpochAreMeasuredAndCheckpointedAndTheWeightsAreTheSame() throws IOException {
        ExampleSet data = Examples.random(200, 20, 3, 5);
        TrainingResult every = new Trainer(config(1)).train(data, data, new TrainingMonitor() {});
        List<Integer> reported = new ArrayList<>();
        List<Integer> checkpointed = new ArrayList<>();
        TrainingResult sparse = new Trainer(config(3)).train(data, data, new TrainingMonitor() {
            @Override
            public void epochFinished(EpochResult result) {
                reported.add(result.epoch());
            }

            @Override
            public void checkpoint(Checkpoint checkpoint) {
                checkpointed.add(checkpoint.epoch());
            }
        });

        assertThat(reported).containsExactly(3, 6, 7);
        assertThat(checkpointed).containsExactly(3, 6);
        assertThat(sparse.epochs()).extracting(EpochResult::epoch).containsExactly(3, 6, 7);
        assertThat(sparse.keptEpoch()).isEqualTo(7);
        assertThat(TrainerTest.bytes(sparse.network())).isEqualTo(TrainerTest.bytes(every.network()));
        EpochResult last = every.epochs().get(6);
        assertThat(sparse.epochs().get(2).validationAccuracy()).isEqualTo(last.validationAccuracy());
        assertThat(sparse.epochs().get(2).testAccuracy()).isEqualTo(last.testAccuracy());
    }

    @Test
    void aRunResumedFromASparseCheckpointEndsWhereTheUninterruptedOneDoes() throws IOException {
        ExampleSet data = Examples.random(200, 20, 3, 5);
        TrainingResult uninterrupted = new Trainer(config(3)).train(data, data, new TrainingMonitor() {});
        Checkpoint[] saved = new Checkpoint[1];
        new Trainer(config(3)).train(data, data, new TrainingMonitor() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
                saved[0] = copy(checkpoint);
            }

            @Override
            public boolean stopRequested() {
                return saved[0] != null;
            }
        });
        assertThat(saved[0].epoch()).isEqualTo(3);

        TrainingResult resumed = new Trainer(config(3)).resume(saved[0], data, data, new TrainingMonitor() {});

        assertThat(resumed.epochs()).extracting(EpochResult::epoch).containsExactly(3, 6, 7);
        assertThat(TrainerTest.bytes(resumed.network())).isEqualTo(TrainerTest.bytes(uninterrupted.network()));
    }

    /** The checkpoint holds the live weights: written out and read back, as a store would. */
    private static Checkpoint copy(Checkpoint checkpoint) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            checkpoint.write(new DataOutputStream(out));
            return Checkpoint.read(new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
