package dev.backprop.system;

import dev.backprop.engine.KernelWarmUp;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warms the training kernels up once the service is ready, on a thread of its own, so that readiness
 * does not wait for it and the first job's first epoch does not pay for the JIT
 * ({@link KernelWarmUp}). {@code backprop.training.warm-up=false} leaves it out.
 */
@Component
class KernelWarmUpRunner {

    private static final Logger log = LoggerFactory.getLogger(KernelWarmUpRunner.class);
    /** Ten epochs of the synthetic digits: two left the seed network's small kernels on the JIT's first tier. */
    static final int EPOCHS = 10;

    private final boolean enabled;
    private final CompletableFuture<Long> done = new CompletableFuture<>();

    KernelWarmUpRunner(@Value("${backprop.training.warm-up:true}") boolean enabled) {
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!enabled) {
            done.complete(0L);
            return;
        }
        Thread thread = new Thread(this::run, "kernel-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void run() {
        try {
            long millis = KernelWarmUp.run(EPOCHS);
            log.info("Training kernels warmed up in {} ms", millis);
            done.complete(millis);
        } catch (RuntimeException | LinkageError failure) {
            // A warm-up that fails costs the first job its speed, never the service.
            log.warn("Could not warm the training kernels up: {}", failure.toString());
            done.complete(-1L);
        }
    }

    /** Completes with the warm-up's milliseconds (0 when left out, -1 when it failed). */
    CompletableFuture<Long> done() {
        return done;
    }
}
