package dev.backprop.sweep;

import dev.backprop.job.ClusterProperties;
import dev.backprop.job.JobService;
import dev.backprop.storage.BackgroundDatabase;
import dev.backprop.storage.Loops;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the sweeps: every {@code poll-interval} it takes or renews the lease on each unfinished sweep and
 * steps the ones it holds. A sweep whose coordinator died is taken over by another replica once the
 * lease runs out, and rebuilt from its record; its trials are jobs and go on wherever they train.
 */
@Component
class SweepCoordinator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SweepCoordinator.class);

    private final SweepRecords records;
    private final SweepPlanner planner;
    private final JobService jobs;
    private final ClusterProperties cluster;
    private final String worker;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ActiveSweep> active = new ConcurrentHashMap<>();
    private final Set<String> unsaved = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService loop;

    SweepCoordinator(
            SweepRecords records,
            BackgroundDatabase background,
            SweepPlanner planner,
            JobService jobs,
            ClusterProperties cluster) {
        this.records = records.on(background);
        this.planner = planner;
        this.jobs = jobs;
        this.cluster = cluster;
        this.worker = cluster.nodeName() != null && !cluster.nodeName().isBlank()
                ? cluster.nodeName()
                : host() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    void round() {
        Set<String> unfinished = Set.copyOf(records.unfinished());
        active.keySet().removeIf(id -> !unfinished.contains(id));
        for (String id : unfinished) {
            try {
                if (!records.claim(id, worker, records.now(), cluster.lease())) {
                    active.remove(id);
                    continue;
                }
                ActiveSweep sweep = active.computeIfAbsent(id, this::takeOver);
                if (sweep == null) {
                    continue;
                }
                Sweep before = sweep.record();
                Sweep after = sweep.step(records.cancelRequested(id), worker, clock.instant());
                // A record not written last round (the database was away) is written now, changed or not.
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
                    log.info(
                            "Sweep {} {}: {} trials, {} epochs trained, {} saved",
                            id,
                            after.status(),
                            after.trialsRun(),
                            after.epochsTrained(),
                            after.epochsSaved());
                    active.remove(id);
                }
            } catch (RuntimeException e) {
                log.warn("Sweep {}: this round failed, trying again in the next: {}", id, e.toString());
            }
        }
    }

    private ActiveSweep takeOver(String id) {
        return records.find(id)
                .map(record -> new ActiveSweep(record, planner.replan(record.request()), jobs))
                .orElse(null);
    }

    @Override
    public void start() {
        loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sweeps");
            thread.setDaemon(true);
            return thread;
        });
        long every = cluster.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(Loops.surviving(this::round, "sweeps", true), every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
        active.clear();
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
