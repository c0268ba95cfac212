package dev.backprop.resilience;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.TaskUtils;
import org.springframework.util.ErrorHandler;

/**
 * The service's repeating tasks (claims, heartbeats, event pollers, the sweep coordinator) must outlive
 * any one failing round: a task a plain scheduled executor sees throw is never run again, silently.
 */
public final class Loops {

    private static final Logger log = LoggerFactory.getLogger(Loops.class);

    private Loops() {}

    /**
     * Spring's scheduler on one daemon thread of its own named {@code name}: every task it runs, once or
     * repeatedly, has what it throws logged by {@link #survivor} and the loop goes on. Shut it down with
     * {@code shutdown()}, which interrupts a round in progress and cancels those to come.
     */
    public static ThreadPoolTaskScheduler scheduler(String name) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadFactory(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setErrorHandler(survivor(name));
        scheduler.initialize();
        return scheduler;
    }

    /** {@code task}, logging whatever it throws (briefly while a store is away) instead of letting it end the loop. */
    public static Runnable surviving(Runnable task, String name, boolean repeating) {
        return TaskUtils.decorateTaskWithErrorHandler(task, survivor(name), repeating);
    }

    private static ErrorHandler survivor(String name) {
        return failure -> {
            if (StoreOutage.isTransient(failure)) {
                log.warn("{}: a store is away ({}); trying again in the next round", name, failure.toString());
            } else {
                log.error("{}: this round failed; trying again in the next", name, failure);
            }
        };
    }
}
