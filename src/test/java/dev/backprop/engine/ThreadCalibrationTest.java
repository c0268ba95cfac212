package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadCalibrationTest {

    /** Feeds steps of 100 examples, alternating as the calibration asks, until it chooses. */
    private static ThreadCalibration.Choice choose(long soloNanos, long sharedNanos) {
        ThreadCalibration calibration = new ThreadCalibration(60_000, 100);
        int steps = 0;
        while (!calibration.decided()) {
            calibration.stepTimed(100, calibration.nextSolo() ? soloNanos : sharedNanos);
            steps++;
        }
        // Seven pairs of 20-step blocks: two left out while the JIT compiles, five timed.
        assertThat(steps).isEqualTo(280);
        return calibration.choice();
    }

    @Test
    void keepsOneThreadWhenTheHelperDoesNotPayForItsHandOff() {
        ThreadCalibration.Choice choice = choose(90_000, 120_000);
        assertThat(choice.threads()).isEqualTo(1);
        assertThat(choice.reason()).isEqualTo("auto: 1 thread, 0.90 µs an example against 1.20 on 2");
    }

    @Test
    void keepsTwoThreadsWhenTheyAreFaster() {
        ThreadCalibration.Choice choice = choose(200_000, 120_000);
        assertThat(choice.threads()).isEqualTo(2);
        assertThat(choice.reason()).isEqualTo("auto: 2 threads, 1.20 µs an example against 2.00 on 1");
    }

    @Test
    void aTieGoesToOneThreadLeavingTheOtherCoreFree() {
        assertThat(choose(100_000, 99_000).threads()).isEqualTo(1);
    }

    @Test
    void slowBlocksWhileTheJitCompilesDoNotCount() {
        ThreadCalibration calibration = new ThreadCalibration(60_000, 100);
        int step = 0;
        while (!calibration.decided()) {
            boolean solo = calibration.nextSolo();
            // The first four blocks (80 steps) are slow on the shared side only, as if compiling there.
            long nanos = step < 80 && !solo ? 5_000_000 : solo ? 150_000 : 100_000;
            calibration.stepTimed(100, nanos);
            step++;
        }
        assertThat(calibration.choice().threads()).isEqualTo(2);
    }

    @Test
    void smallRunsTimeBlocksOfOneBatchSoTheyStillChoose() {
        ThreadCalibration calibration = new ThreadCalibration(300, 32);
        int steps = 0;
        while (!calibration.decided()) {
            calibration.stepTimed(32, 1000);
            steps++;
        }
        assertThat(steps).isEqualTo(14);
    }
}
