package dev.backprop.resilience;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.TaskUtils;

/**
 * The service's repeating tasks (claims, heartbeats, event pollers, the sweep coordinator) must outlive
 * any one failing round: a task a scheduled executor sees throw is never run again, silently.
 */
public final class Loops {

    private static final Logger log = LoggerFactory.getLogger(Loops.class);

    private Loops() {}

    /** {@code task}, logging whatever it throws (briefly while a store is away) instead of letting it end the loop. */
    public static Runnable surviving(Runnable task, String name, boolean repeating) {
        return TaskUtils.decorateTaskWithErrorHandler(
                task,
                failure -> {
                    if (StoreOutage.isTransient(failure)) {
                        log.warn("{}: a store is away ({}); trying again in the next round", name, failure.toString());
                    } else {
                        log.error("{}: this round failed; trying again in the next", name, failure);
                    }
                },
                repeating);
    }
}
