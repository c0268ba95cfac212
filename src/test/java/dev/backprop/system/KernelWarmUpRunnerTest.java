package dev.backprop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("timed")
class KernelWarmUpRunnerTest {

    @Test
    void warmsTheKernelsUpOnAThreadOfItsOwnOnceTheServiceIsReady() throws Exception {
        KernelWarmUpRunner runner = new KernelWarmUpRunner(true);
        long started = System.nanoTime();
        runner.warmUp();
        // The event returns at once: readiness does not wait for the warm-up.
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(runner.done().get(2, TimeUnit.MINUTES)).isPositive();
    }

    @Test
    void canBeLeftOut() throws Exception {
        KernelWarmUpRunner runner = new KernelWarmUpRunner(false);
        runner.warmUp();
        assertThat(runner.done().get(1, TimeUnit.SECONDS)).isZero();
    }
}
