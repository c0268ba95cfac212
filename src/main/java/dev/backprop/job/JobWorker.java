package dev.backprop.job;

import dev.backprop.resilience.Loops;
import dev.backprop.storage.StoreWriteException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * This replica's share of the training: up to {@code max-concurrent-jobs} jobs at once, claimed from
 * the shared records (oldest first), each on a training thread of its own. One scheduler thread looks
 * for work, renews the leases of the jobs training here, passes on cancel requests made at any replica
 * and gives the jobs of replicas that stopped sending heartbeats back to the queue.
 */
@Component
class JobWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final JobClaims claims;
    private final JobRunner runner;
    private final ClusterProperties cluster;
    private final int slots;
    private final boolean embedded;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, TrainingJob> training = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final ThreadPoolTaskScheduler scheduler = Loops.scheduler("job-claims");
    private volatile String name;
    private volatile boolean started;
    private volatile boolean stopping;

    JobWorker(
            JobClaims claims,
            JobRunner runner,
            ClusterProperties cluster,
            TrainingProperties training,
            Environment environment) {
        this.claims = claims;
        this.runner = runner;
        this.cluster = cluster;
        this.slots = training.maxConcurrentJobs();
        // Only this process opens an embedded database, so whatever it finds RUNNING was its own.
        this.embedded = !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(
                slots, runnable -> new Thread(runnable, "training-" + count.incrementAndGet()));
        this.name = StringUtils.hasText(cluster.nodeName()) ? cluster.nodeName() : hostName() + ":8080";
    }

    @EventListener
    void named(WebServerInitializedEvent event) {
        // The management server, when it has a port of its own, announces itself under a namespace.
        if (!StringUtils.hasText(cluster.nodeName())
                && event.getApplicationContext().getServerNamespace() == null) {
            name = hostName() + ":" + event.getWebServer().getPort();
        }
    }

    /** Starts once the service answers, so that the replica's name holds its real port. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        int requeued;
        try {
            requeued = claims.requeueInterrupted(name, embedded);
        } catch (RuntimeException e) {
            StoreWriteException unwritable = StoreWriteException.causing(e);
            if (unwritable == null) {
                throw e;
            }
            // A store on a read-only volume: serve what it holds; submitted jobs are refused (507).
            log.warn("The records {}: this replica serves what is stored and trains nothing", unwritable.getMessage());
            return;
        }
        if (requeued > 0) {
            log.info(
                    "{} job(s) were training here when the service stopped; they resume from their checkpoints",
                    requeued);
        }
        started = true;
        scheduler.scheduleWithFixedDelay(this::lookAfterJobs, cluster.pollInterval());
        scheduler.scheduleWithFixedDelay(this::heartbeat, Instant.now().plus(cluster.heartbeat()), cluster.heartbeat());
        log.info("Replica {} trains up to {} job(s) at once; lease {}", name, slots, cluster.lease());
    }

    String name() {
        return name;
    }

    /** Takes on queued jobs while a training thread is free; also called at once when a job is submitted here. */
    synchronized void claimWhileFree() {
        if (!started || stopping) {
            return;
        }
        while (training.size() < slots) {
            Optional<Job> claimed = claims.claimNext(name, claims.now(), cluster.lease());
            if (claimed.isEmpty()) {
                return;
            }
            TrainingJob job = new TrainingJob(claimed.get(), clock);
            training.put(job.id(), job);
            pool.execute(() -> {
                try {
                    runner.run(job, name);
                } finally {
                    training.remove(job.id());
                }
            });
        }
    }

    /** Stops a job training here at once, without waiting for the next look at the records. */
    void stopIfHere(String jobId) {
        TrainingJob job = training.get(jobId);
        if (job != null) {
            job.requestStop();
        }
    }

    private void lookAfterJobs() {
        try {
            Set<String> cancelled = claims.cancelRequested(Set.copyOf(training.keySet()));
            cancelled.forEach(this::stopIfHere);
            int reclaimed = claims.reclaimExpired(claims.now());
            if (reclaimed > 0) {
                log.warn("{} job(s) lost their replica's heartbeat; they go back to the queue", reclaimed);
            }
            claimWhileFree();
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next round tries again.
            log.warn("Could not look after the training jobs: {}", e.getMessage());
        }
    }

    private void heartbeat() {
        for (TrainingJob job : training.values()) {
            try {
                if (!claims.renew(job.id(), name, claims.now(), cluster.lease())) {
                    log.warn("Job {} is no longer this replica's; it stops here", job.id());
                    job.lost();
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew the lease of job {}: {}", job.id(), e.getMessage());
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        scheduler.shutdown();
        runner.shuttingDown();
        training.values().forEach(TrainingJob::requestStop);
        pool.shutdown();
        if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
            log.warn("Training threads did not stop within 20 s");
            pool.shutdownNow();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
