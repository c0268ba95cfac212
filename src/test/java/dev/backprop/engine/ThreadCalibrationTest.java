package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.augment.Augmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

class ThreadCalibrationTest {

    /** Feeds steps of 100 examples to a one-epoch run, alternating as the calibration asks, until it chooses. */
    private static ThreadCalibration.Choice choose(long soloNanos, long sharedNanos) {
        ThreadCalibration calibration = new ThreadCalibration(60_000, 100, 1);
        int steps = 0;
        while (!calibration.decided()) {
            calibration.stepTimed(100, calibration.nextSolo() ? soloNanos : sharedNanos);
            steps++;
        }
        // Eleven pairs of 10-step blocks: three left out while the JIT compiles, eight timed.
        assertThat(steps).isEqualTo(220);
        return calibration.choice();
    }

    @Test
    void keepsOneThreadWhenTheHelperDoesNotPayForItsHandOff() {
        ThreadCalibration.Choice choice = choose(90_000, 120_000);
        assertThat(choice.threads()).isEqualTo(1);
        assertThat(choice.reason())
                .isEqualTo("auto: 1 thread, 0.90 µs an example against 1.20 on 2 (means of 8 interleaved pairs of"
                        + " blocks)");
    }

    @Test
    void keepsTwoThreadsWhenTheyAreFaster() {
        ThreadCalibration.Choice choice = choose(200_000, 120_000);
        assertThat(choice.threads()).isEqualTo(2);
        assertThat(choice.reason()).startsWith("auto: 2 threads, 1.20 µs an example against 2.00 on 1");
    }

    @Test
    void aTieGoesToOneThreadLeavingTheOtherCoreFree() {
        assertThat(choose(100_000, 99_000).threads()).isEqualTo(1);
    }

    @Test
    void slowBlocksWhileTheJitCompilesDoNotCount() {
        ThreadCalibration calibration = new ThreadCalibration(60_000, 100, 1);
        int step = 0;
        while (!calibration.decided()) {
            boolean solo = calibration.nextSolo();
            // The first six blocks (60 steps) are slow on the shared side only, as if compiling there.
            long nanos = step < 60 && !solo ? 5_000_000 : solo ? 150_000 : 100_000;
            calibration.stepTimed(100, nanos);
            step++;
        }
        assertThat(calibration.choice().threads()).isEqualTo(2);
    }

    /** A one-epoch run whose machine slows by 5% of its first speed every block (10 steps). */
    private static int choiceUnderDrift(long soloNanos, long sharedNanos) {
        ThreadCalibration calibration = new ThreadCalibration(60_000, 100, 1);
        int step = 0;
        while (!calibration.decided()) {
            double drift = 1 + 0.05 * (step / 10);
            calibration.stepTimed(100, (long) ((calibration.nextSolo() ? soloNanos : sharedNanos) * drift));
            step++;
        }
        return calibration.choice().threads();
    }

    @Test
    void aSteadyDriftFavoursNeitherSide() {
        // Timed one after the other in the same order, two threads would look 4% faster than one here.
        assertThat(choiceUnderDrift(99_000, 100_000)).isEqualTo(1);
        assertThat(choiceUnderDrift(100_000, 95_000)).isEqualTo(2);
    }

    @Test
    void smallRunsTimeBlocksOfOneBatchSoTheyStillChoose() {
        ThreadCalibration calibration = new ThreadCalibration(300, 32, 1);
        int steps = 0;
        while (!calibration.decided()) {
            calibration.stepTimed(32, 1000);
            steps++;
        }
        assertThat(steps).isEqualTo(22);
    }

    /** Runs epochs of 600 steps of 100 examples, timed by {@code nanos(epoch, solo)}, until the choice. */
    private static ThreadCalibration recheck(LongBinaryOperator nanos, int[] stepsInEpochTwo) {
        ThreadCalibration calibration = new ThreadCalibration(60_000, 100, 3);
        for (int epoch = 1; epoch <= 3 && !calibration.decided(); epoch++) {
            calibration.epochStarting();
            for (int step = 0; step < 600 && !calibration.decided(); step++) {
                boolean solo = calibration.nextSolo();
                calibration.stepTimed(100, nanos.applyAsLong(epoch, solo ? 1 : 0));
                if (epoch == 2) {
                    stepsInEpochTwo[0]++;
                }
            }
        }
        return calibration;
    }

    @Test
    void theFirstEpochsChoiceIsReCheckedOnceTheKernelsAreCompiled() {
        int[] stepsInEpochTwo = {0};
        // In the first epoch the shared side still compiles; from the second it is clearly faster.
        ThreadCalibration calibration =
                recheck((epoch, solo) -> solo == 1 ? 150_000 : epoch == 1 ? 170_000 : 100_000, stepsInEpochTwo);
        assertThat(calibration.decided()).isTrue();
        assertThat(calibration.choice().threads()).isEqualTo(2);
        assertThat(calibration.choice().reason())
                .isEqualTo("auto: 2 threads, 1.00 µs an example against 1.50 on 1 (means of 6 interleaved pairs of"
                        + " blocks; re-checked after the first round's 1)");
        // Seven pairs of 5-step blocks at the start of the second epoch, one left out.
        assertThat(stepsInEpochTwo[0]).isEqualTo(70);
    }

    @Test
    void untilTheReCheckTheRunGoesOnWithTheFirstRoundsChoice() {
        ThreadCalibration calibration = new ThreadCalibration(60_000, 100, 2);
        calibration.epochStarting();
        for (int step = 0; step < 600; step++) {
            calibration.stepTimed(100, calibration.nextSolo() ? 100_000 : 110_000);
        }
        assertThat(calibration.decided()).isFalse();
        assertThat(calibration.nextSolo()).isTrue();
        calibration.epochStarting();
        assertThat(calibration.nextSolo()).isFalse(); // the re-check's first block is shared
    }

    @Test
    void aClearFirstRoundIsFinal() {
        int[] stepsInEpochTwo = {0};
        ThreadCalibration calibration = recheck((epoch, solo) -> solo == 1 ? 100_000 : 130_000, stepsInEpochTwo);
        assertThat(calibration.choice().threads()).isEqualTo(1);
        assertThat(calibration.choice().reason()).doesNotContain("re-checked");
        assertThat(stepsInEpochTwo[0]).isZero();
    }

    @Test
    void aRunWhoseChoiceMayBeReCheckedInItsSecondEpochTrainsTheSameBitsAsAFixedRun() throws Exception {
        ExampleSet data = Examples.random(1_000, 20, 3, 6);
        TrainingConfig config = TrainingConfig.builder(
                        new Architecture(List.of(20, 16, 3), Activation.RELU, Activation.SOFTMAX, false))
                .initializer(Initializer.HE)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8))
                .epochs(3)
                .batchSize(10)
                .seed(6)
                .build();
        List<String> reasons = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        TrainingResult auto = Trainer.choosingThreads(config, null).train(data, null, new TrainingMonitor() {
            @Override
            public void threadsChosen(TrainingKernels kernels, String reason) {
                chosen.add(kernels.threads());
                reasons.add(reason);
            }
        });
        TrainingResult fixed = new Trainer(config, chosen.get(0)).train(data, null, new TrainingMonitor() {});
        // Whether the first round was close enough to be re-checked depends on this machine's timing.
        assertThat(reasons).singleElement().asString().startsWith("auto: " + chosen.get(0) + " thread");
        assertThat(TrainerTest.bytes(auto.network())).isEqualTo(TrainerTest.bytes(fixed.network()));
        assertThat(auto.epochs().stream().map(EpochResult::trainLoss).toList())
                .isEqualTo(fixed.epochs().stream().map(EpochResult::trainLoss).toList());
    }

    @Test
    void withAugmentationOnTwoCoresAutoTakesOneThreadAndSaysWhy() {
        TrainingConfig plain = TrainingConfig.builder(
                        new Architecture(List.of(784, 16, 10), Activation.RELU, Activation.SOFTMAX, false))
                .epochs(2)
                .batchSize(32)
                .trainLimit(300)
                .seed(3)
                .build();
        TrainingConfig augmented = TrainingConfig.builder(plain.architecture())
                .epochs(2)
                .batchSize(32)
                .trainLimit(300)
                .seed(3)
                .augmentation(new Augmentation(2, 10, 0, new Augmentation.Elastic(34, 4)))
                .build();

        assertThat(ThreadCalibration.settledWithout(augmented, 2))
                .isEqualTo("auto: 1 thread, the distortions' thread keeping the other of 2 cores busy");
        assertThat(ThreadCalibration.settledWithout(augmented, 1)).startsWith("auto: 1 thread");
        assertThat(ThreadCalibration.settledWithout(augmented, 4)).isNull();
        assertThat(ThreadCalibration.settledWithout(plain, 2)).isNull();

        // A run on this machine reports the choice once, with whichever reason its cores give.
        List<Integer> chosen = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Trainer.choosingThreads(augmented, null)
                .train(KernelWarmUp.syntheticDigits(new java.util.Random(2)), null, new TrainingMonitor() {
                    @Override
                    public void threadsChosen(TrainingKernels kernels, String reason) {
                        chosen.add(kernels.threads());
                        reasons.add(reason);
                    }
                });
        String settled =
                ThreadCalibration.settledWithout(augmented, Runtime.getRuntime().availableProcessors());
        if (settled != null) {
            assertThat(chosen).containsExactly(1);
            assertThat(reasons).containsExactly(settled);
        } else {
            assertThat(reasons).allMatch(reason -> reason.startsWith("auto: "));
        }
    }
}
