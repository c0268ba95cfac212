package dev.backprop.coordination;

import dev.backprop.job.ClusterProperties;
import dev.backprop.resilience.BackgroundDatabase;
import dev.backprop.resilience.Loops;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs leased records: every {@code poll-interval} it takes or renews the lease on each unfinished
 * record and steps the ones it holds. A record whose coordinator died is taken over by another replica
 * once the lease runs out, and rebuilt from its record; its jobs go on wherever they train. Leases are
 * set in the database's clock, through the service's own pool; a round that fails (the database away)
 * is logged and the next one runs, writing whatever the failed one owed.
 */
public abstract class LeaseCoordinator<T extends CoordinatedRecord> implements SmartLifecycle {

    /** A record this replica coordinates, with whatever it rebuilt to step it. */
    public interface Active<T> {
        T record();

        /** One round: follow its jobs, start new ones, and answer the record as it now stands. */
        T step(boolean cancelRequested, String worker, java.time.Instant now);
    }

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final LeasedRecords<T> records;
    private final ClusterProperties cluster;
    private final String threadName;
    private final String worker;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Active<T>> active = new ConcurrentHashMap<>();
    /** Records whose last write failed: written at the next round, changed or not. */
    private final Set<String> unsaved = ConcurrentHashMap.newKeySet();

    private volatile ThreadPoolTaskScheduler loop;

    protected LeaseCoordinator(
            LeasedRecords<T> records, BackgroundDatabase background, ClusterProperties cluster, String threadName) {
        this.records = records.on(background);
        this.cluster = cluster;
        this.threadName = threadName;
        this.worker = cluster.nodeName() != null && !cluster.nodeName().isBlank()
                ? cluster.nodeName()
                : host() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Rebuilds what steps {@code record}, when this replica starts coordinating it. */
    protected abstract Active<T> takeOver(T record);

    /** Said once a record has finished here. */
    protected abstract void finished(T record);

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    public void round() {
        Set<String> unfinished = Set.copyOf(records.unfinished());
        active.keySet().removeIf(id -> !unfinished.contains(id));
        for (String id : unfinished) {
            try {
                if (!records.claim(id, worker, records.now(), cluster.lease())) {
                    active.remove(id);
                    continue;
                }
                Active<T> current = active.computeIfAbsent(
                        id, key -> records.find(key).map(this::takeOver).orElse(null));
                if (current == null) {
                    continue;
                }
                T before = current.record();
                T after = current.step(records.cancelRequested(id), worker, clock.instant());
                boolean owed = unsaved.remove(id);
                try {
                    if ((owed || !after.equals(before)) && !records.save(after, worker)) {
                        active.remove(id); // another replica took it over
                    }
                } catch (RuntimeException e) {
                    unsaved.add(id);
                    throw e;
                }
                if (after.finished()) {
                    finished(after);
                    active.remove(id);
                }
            } catch (RuntimeException e) {
                log.warn("{}: this round failed, trying again in the next: {}", id, e.toString());
            }
        }
    }

    @Override
    public void start() {
        loop = Loops.scheduler(threadName);
        loop.scheduleWithFixedDelay(this::round, Instant.now().plus(cluster.pollInterval()), cluster.pollInterval());
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.shutdown();
            loop = null;
        }
        active.clear();
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
