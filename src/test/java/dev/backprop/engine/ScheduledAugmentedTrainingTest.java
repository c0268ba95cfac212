package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.augment.Augmentation;
import dev.backprop.engine.augment.Augmenter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Learning-rate schedules and augmentation inside a training run: each epoch records the rate it used,
 * a resumed run goes on along the schedule and the same distortions, the same seed distorts the same
 * way, and only the training examples are ever distorted.
 */
class ScheduledAugmentedTrainingTest {

    private static final Augmentation DISTORTIONS = new Augmentation(2, 15, 0.1, new Augmentation.Elastic(20, 4));

    private static TrainingConfig config(LearningRateSchedule schedule, Augmentation augmentation) {
        return TrainingConfig.builder(
                        new Architecture(List.of(784, 16, 10), Activation.RELU, Activation.SOFTMAX, false))
                .initializer(Initializer.HE)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Momentum(0.05, 0.9))
                .epochs(6)
                .batchSize(32)
                .validationSize(40)
                .schedule(schedule)
                .augmentation(augmentation)
                .seed(3)
                .build();
    }

    @Test
    void eachEpochRecordsTheRateItsScheduleGaveIt() {
        ExampleSet data = Examples.random(200, 784, 10, 1);
        LearningRateSchedule step = new LearningRateSchedule.Step(2, 0.5);
        TrainingResult result = new Trainer(config(step, null)).train(data, data, new TrainingMonitor() {});

        assertThat(result.epochs().stream().map(EpochResult::learningRate))
                .containsExactly(0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125);
    }

    @Test
    void theRateReachesTheOptimiserAndChangesTheSteps() throws IOException {
        ExampleSet data = Examples.random(200, 784, 10, 1);
        TrainingConfig constant = config(new LearningRateSchedule.Constant(), null);
        TrainingConfig cosine = config(new LearningRateSchedule.Cosine(0), null);
        Network byConstant = new Trainer(constant)
                .train(data, data, new TrainingMonitor() {})
                .network();
        Network byCosine =
                new Trainer(cosine).train(data, data, new TrainingMonitor() {}).network();
        // The first epoch's rate is the same under both, so only the later epochs can tell them apart.
        Network firstConstant = new Trainer(constant.withEpochs(1))
                .train(data, null, new TrainingMonitor() {})
                .network();
        Network firstCosine = new Trainer(cosine.withEpochs(1))
                .train(data, null, new TrainingMonitor() {})
                .network();

        assertThat(TrainerTest.bytes(firstCosine)).isEqualTo(TrainerTest.bytes(firstConstant));
        assertThat(TrainerTest.bytes(byCosine)).isNotEqualTo(TrainerTest.bytes(byConstant));
    }

    @Test
    void aResumedRunGoesOnAlongTheScheduleWithTheSameDistortions() throws IOException {
        ExampleSet data = Examples.random(200, 784, 10, 2);
        TrainingConfig config = config(new LearningRateSchedule.OneCycle(0.2, 0.4), DISTORTIONS);
        TrainingResult uninterrupted = new Trainer(config, 2).train(data, data, new TrainingMonitor() {});

        byte[] saved = checkpointAfter(3, config, data);
        Checkpoint checkpoint = Checkpoint.read(new DataInputStream(new ByteArrayInputStream(saved)));
        TrainingResult resumed = new Trainer(config, 2).resume(checkpoint, data, data, new TrainingMonitor() {});

        assertThat(TrainerTest.bytes(resumed.network())).isEqualTo(TrainerTest.bytes(uninterrupted.network()));
        assertThat(rates(resumed)).isEqualTo(rates(uninterrupted));
        for (int e = 1; e <= 6; e++) {
            assertThat(resumed.epochs().get(e - 1).learningRate()).isEqualTo(config.learningRate(e));
        }
        assertThat(resumed.epochs().get(5).trainLoss())
                .isEqualTo(uninterrupted.epochs().get(5).trainLoss());
    }

    @Test
    void aCheckpointOfTheFirstFormatStillResumesAndGetsItsRatesFilledIn() throws IOException {
        ExampleSet data = Examples.random(200, 784, 10, 2);
        TrainingConfig config = config(new LearningRateSchedule.Constant(), null);
        TrainingResult uninterrupted = new Trainer(config).train(data, data, new TrainingMonitor() {});
        Checkpoint current =
                Checkpoint.read(new DataInputStream(new ByteArrayInputStream(checkpointAfter(2, config, data))));

        Checkpoint old = Checkpoint.read(new DataInputStream(new ByteArrayInputStream(formatOne(current))));
        assertThat(old.epochs())
                .allSatisfy(epoch -> assertThat(epoch.learningRate()).isNaN());
        TrainingResult resumed = new Trainer(config).resume(old, data, data, new TrainingMonitor() {});

        assertThat(TrainerTest.bytes(resumed.network())).isEqualTo(TrainerTest.bytes(uninterrupted.network()));
        assertThat(rates(resumed)).containsOnly(0.05);
    }

    @Test
    void theSameSeedDistortsTheSameBatchAndAnotherEpochDistortsAnew() {
        ExampleSet data = Examples.random(100, 784, 10, 4);
        int[] train = {3, 5, 8, 13, 21, 34, 55, 89};
        EpochImages first = new EpochImages(data, train, DISTORTIONS, epoch -> 7 * epoch, 3);
        EpochImages again = new EpochImages(data, train, DISTORTIONS, epoch -> 7 * epoch, 3);
        ExampleSet epochOne = first.forEpoch(1);

        assertThat(again.forEpoch(1).pixels()).isEqualTo(epochOne.pixels());
        assertThat(first.forEpoch(2).pixels()).isNotEqualTo(epochOne.pixels());
        first.close();
        again.close();
        // And so a whole run: the same request and seed train the same weights.
        ExampleSet set = Examples.random(200, 784, 10, 5);
        TrainingConfig config = config(new LearningRateSchedule.Constant(), DISTORTIONS);
        assertThat(metrics(new Trainer(config, 2).train(set, set, new TrainingMonitor() {})))
                .isEqualTo(metrics(new Trainer(config, 1).train(set, set, new TrainingMonitor() {})));
    }

    @Test
    void onlyTheTrainingExamplesAreDistortedAndTheSetsStayUntouched() {
        ExampleSet data = Examples.random(100, 784, 10, 6);
        ExampleSet test = Examples.random(30, 784, 10, 7);
        byte[] trainingBefore = data.pixels().clone();
        byte[] testBefore = test.pixels().clone();
        int[] train = {1, 4, 9, 16, 25, 36, 49, 64, 81};
        try (EpochImages images = new EpochImages(data, train, DISTORTIONS, epoch -> epoch, 2)) {
            ExampleSet copy = images.forEpoch(1);
            // Position i is training example train[i], distorted as the epoch's augmenter says.
            assertThat(copy.count()).isEqualTo(train.length);
            byte[] expected = new byte[784];
            Augmenter augmenter = Augmenter.forEpoch(DISTORTIONS, 1, train.length);
            for (int i = 0; i < train.length; i++) {
                augmenter.distort(i, data.pixels(), train[i] * 784, expected, 0);
                assertThat(Arrays.copyOfRange(copy.pixels(), i * 784, (i + 1) * 784))
                        .isEqualTo(expected);
                assertThat(copy.label(i)).isEqualTo(data.label(train[i]));
            }
        }
        TrainingConfig config = config(new LearningRateSchedule.Constant(), DISTORTIONS).toBuilder()
                .validationSize(20)
                .build();
        TrainingResult result = new Trainer(config).train(data, test, new TrainingMonitor() {});

        assertThat(data.pixels()).isEqualTo(trainingBefore);
        assertThat(test.pixels()).isEqualTo(testBefore);
        // The test figures are the kept network's on the undistorted test images.
        Classifier.Evaluation onTest = result.network().freeze().evaluate(test, Split.all(30), Loss.CROSS_ENTROPY);
        assertThat(result.epochs().get(5).testAccuracy()).isEqualTo(onTest.accuracy());
    }

    private static byte[] checkpointAfter(int epoch, TrainingConfig config, ExampleSet data) {
        byte[][] saved = new byte[1][];
        new Trainer(config, 2).train(data, data, new TrainingMonitor() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
                if (checkpoint.epoch() == epoch) {
                    saved[0] = write(checkpoint);
                }
            }

            @Override
            public boolean stopRequested() {
                return saved[0] != null;
            }
        });
        return saved[0];
    }

    private static byte[] write(Checkpoint checkpoint) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            checkpoint.write(new DataOutputStream(out));
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The checkpoint as the first format wrote it: no learning rate in the epochs. */
    private static byte[] formatOne(Checkpoint checkpoint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x4250434B);
        out.writeInt(1);
        out.writeInt(checkpoint.epoch());
        NetworkFormat.write(checkpoint.network(), out);
        out.writeInt(checkpoint.states().size());
        for (Checkpoint.SavedState state : checkpoint.states()) {
            out.writeLong(state.steps());
            out.writeInt(state.buffers().length);
            for (float[] buffer : state.buffers()) {
                out.writeInt(buffer.length);
                for (float value : buffer) {
                    out.writeFloat(value);
                }
            }
        }
        out.writeInt(checkpoint.epochs().size());
        for (EpochResult result : checkpoint.epochs()) {
            out.writeInt(result.epoch());
            out.writeDouble(result.trainLoss());
            out.writeDouble(result.trainAccuracy());
            for (Double value : new Double[] {
                result.validationLoss(), result.validationAccuracy(), result.testLoss(), result.testAccuracy()
            }) {
                out.writeBoolean(value != null);
                if (value != null) {
                    out.writeDouble(value);
                }
            }
            out.writeLong(result.durationNanos());
            out.writeDouble(result.examplesPerSecond());
        }
        out.writeBoolean(false);
        return bytes.toByteArray();
    }

    private static List<Double> rates(TrainingResult result) {
        return result.epochs().stream().map(EpochResult::learningRate).toList();
    }

    /** Every epoch's figures but its timing. */
    private static List<List<Object>> metrics(TrainingResult result) {
        List<List<Object>> all = new ArrayList<>();
        for (EpochResult e : result.epochs()) {
            all.add(Arrays.asList(e.trainLoss(), e.trainAccuracy(), e.validationAccuracy(), e.testAccuracy()));
        }
        return all;
    }
}
