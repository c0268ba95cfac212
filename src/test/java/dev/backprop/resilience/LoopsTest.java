package dev.backprop.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

class LoopsTest {

    @Test
    void aLoopOutlivesRoundsThatThrowAnything() throws InterruptedException {
        ThreadPoolTaskScheduler loop = Loops.scheduler("test-loop");
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        CountDownLatch fourRounds = new CountDownLatch(4);
        try {
            loop.scheduleWithFixedDelay(
                    () -> {
                        thread.set(Thread.currentThread().getName());
                        int round = rounds.incrementAndGet();
                        fourRounds.countDown();
                        if (round % 2 == 0) {
                            throw new IllegalStateException("round " + round + " fails");
                        }
                        throw new AssertionError("an Error, not an Exception, in round " + round);
                    },
                    Duration.ofMillis(5));
            assertThat(fourRounds.await(10, TimeUnit.SECONDS))
                    .as("rounds after failing ones")
                    .isTrue();
        } finally {
            loop.shutdown();
        }
        assertThat(thread.get()).isEqualTo("test-loop");
        assertThat(loop.getScheduledExecutor().isShutdown()).isTrue();
    }

    @Test
    void aOneOffTaskThatThrowsLeavesTheThreadToTheNext() throws InterruptedException {
        ThreadPoolTaskScheduler loop = Loops.scheduler("test-once");
        CountDownLatch next = new CountDownLatch(1);
        try {
            loop.execute(() -> {
                throw new IllegalStateException("the first task fails");
            });
            loop.execute(next::countDown);
            assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            loop.shutdown();
        }
    }

    @Test
    void aWrappedTaskSwallowsWhatItThrows() {
        Runnable surviving = Loops.surviving(
                () -> {
                    throw new IllegalStateException("swallowed");
                },
                "test",
                true);
        assertThatCode(surviving::run).doesNotThrowAnyException();
    }
}
