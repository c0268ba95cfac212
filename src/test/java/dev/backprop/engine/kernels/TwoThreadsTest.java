package dev.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class TwoThreadsTest {

    /** The first half's work: long enough for a helper that is running to claim the second half first. */
    private static final long FIRST_HALF_NANOS = 50_000;

    /** Who ran each round's second half: the calling thread or the helper. */
    private static List<Boolean> secondHalvesOnTheCaller(TwoThreads threads, int rounds, long helperNanos) {
        Thread caller = Thread.currentThread();
        List<Boolean> onCaller = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean[] ranHere = new boolean[1];
            threads.run(half -> {
                if (half == 0) {
                    long until = System.nanoTime() + FIRST_HALF_NANOS;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                } else {
                    ranHere[0] = Thread.currentThread() == caller;
                    if (!ranHere[0]) {
                        LockSupport.parkNanos(helperNanos); // a helper the scheduler keeps putting aside
                    }
                }
            });
            onCaller.add(ranHere[0]);
        }
        return onCaller;
    }

    @Test
    void aHelperThatHoldsTheCallerUpIsLeftAsideForTheNextRounds() {
        try (TwoThreads threads = new TwoThreads("test")) {
            int windows = 4;
            List<Boolean> onCaller = secondHalvesOnTheCaller(threads, windows * TwoThreads.WINDOW + 100, 2_000_000);
            // Each second half the helper took held the caller up for 2 ms against its own 0.05: a window in
            // which it took two loses to running alone. A helper the scheduler is slow to start may miss a
            // whole window (CI's two cores are busy with other JVMs), so the test allows it four; the backoff
            // that follows outlasts the hundred rounds checked, which all run on the caller.
            assertThat(onCaller.subList(0, windows * TwoThreads.WINDOW))
                    .as("rounds before")
                    .contains(false);
            assertThat(onCaller.subList(windows * TwoThreads.WINDOW, windows * TwoThreads.WINDOW + 100))
                    .as("rounds after a losing window")
                    .containsOnly(true);
        }
    }

    @Test
    void aHelperToldToShareAlwaysKeepsItsHalvesHoweverSlow() {
        try (TwoThreads threads = new TwoThreads("test")) {
            threads.shareAlways();
            List<Boolean> onCaller = secondHalvesOnTheCaller(threads, 4 * TwoThreads.WINDOW, 2_000_000);
            // The same slow helper as above, which would have lost a window: sharing goes on.
            assertThat(onCaller.subList(2 * TwoThreads.WINDOW, 4 * TwoThreads.WINDOW))
                    .as("rounds after windows the helper lost")
                    .contains(false);
        }
    }

    @Test
    void afterItsTimeAloneTheCallerSharesAgain() {
        try (TwoThreads threads = new TwoThreads("test")) {
            secondHalvesOnTheCaller(threads, TwoThreads.WINDOW + TwoThreads.BACKOFF, 2_000_000);
            // The helper is asked again: with work it answers promptly, it takes second halves again.
            List<Boolean> onCaller = secondHalvesOnTheCaller(threads, 200, 0);
            assertThat(onCaller).contains(false);
        }
    }

    @Test
    void aFailureOnEitherThreadReachesTheCaller() {
        try (TwoThreads threads = new TwoThreads("test")) {
            assertThatThrownBy(() -> threads.run(half -> {
                        throw new IllegalStateException("half " + half);
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("half ");
        }
    }
}
