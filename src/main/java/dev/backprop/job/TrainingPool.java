package dev.backprop.job;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The training threads, {@code max-concurrent-jobs} of them, and the queue of {@code queue-capacity}
 * jobs waiting for one. Its own executor: the Boot reference warns against replacing
 * {@code applicationTaskExecutor} with one like it.
 */
@Component
class TrainingPool {

    private static final Logger log = LoggerFactory.getLogger(TrainingPool.class);

    private final ThreadPoolExecutor pool;
    /** The task of each queued job, so that cancelling one frees its place in the queue. */
    private final Map<String, Runnable> waiting = new ConcurrentHashMap<>();

    TrainingPool(TrainingProperties properties) {
        int threads = properties.maxConcurrentJobs();
        BlockingQueue<Runnable> queue = properties.queueCapacity() == 0
                ? new SynchronousQueue<>()
                : new LinkedBlockingQueue<>(properties.queueCapacity());
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                queue,
                runnable -> new Thread(runnable, "training-" + count.incrementAndGet()));
    }

    /** @throws RejectedExecutionException when the queue is full */
    void enqueue(String jobId, Runnable training) {
        Runnable task = () -> {
            waiting.remove(jobId);
            training.run();
        };
        waiting.put(jobId, task);
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            waiting.remove(jobId);
            throw e;
        }
    }

    int waiting() {
        return pool.getQueue().size();
    }

    /** Frees a cancelled job's place in the queue. */
    void withdraw(String jobId) {
        Runnable task = waiting.remove(jobId);
        if (task != null) {
            pool.remove(task);
        }
    }

    /** Drops the queue (queued jobs stay QUEUED in their records) and waits for the running ones to stop. */
    void shutdown() throws InterruptedException {
        pool.getQueue().clear();
        pool.shutdown();
        if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
            log.warn("Training threads did not stop within 20 s");
            pool.shutdownNow();
        }
    }
}
