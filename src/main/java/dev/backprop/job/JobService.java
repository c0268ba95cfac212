package dev.backprop.job;

import dev.backprop.api.CapacityExceededException;
import dev.backprop.api.ConflictException;
import dev.backprop.dataset.DatasetUsage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/** Accepts training jobs, answers for them, and cancels them; {@link JobRunner} trains them. */
@Service
public class JobService implements DisposableBean, DatasetUsage {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    /** When a client refused for a full queue may try again: about one short job's time. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final JobRegistry registry;
    private final TrainingPool pool;
    private final JobRunner runner;
    private final CheckpointStore checkpoints;
    private final JobEvents events;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom seeds = new SecureRandom();

    JobService(
            JobRegistry registry,
            TrainingPool pool,
            JobRunner runner,
            CheckpointStore checkpoints,
            JobEvents events,
            JobRecovery recovery) {
        this.registry = registry;
        this.pool = pool;
        this.runner = runner;
        this.checkpoints = checkpoints;
        this.events = events;
        recovery.recover(this::enqueue);
    }

    /**
     * Queues a validated request.
     *
     * @throws CapacityExceededException when the queue is full
     */
    public Job submit(TrainingRequest request) {
        TrainingRequest resolved = request.withDefaults(seeds.nextLong() & Long.MAX_VALUE);
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), resolved, clock);
        registry.add(job);
        try {
            enqueue(job);
        } catch (RejectedExecutionException e) {
            registry.remove(job.id());
            throw new CapacityExceededException(
                    "the training queue is full (" + pool.waiting()
                            + " jobs waiting); try again when a job has finished",
                    RETRY_AFTER);
        }
        registry.persist(job);
        log.info("Job {} queued: {} on {}", job.id(), resolved.layers(), resolved.dataset());
        return job.snapshot();
    }

    private void enqueue(TrainingJob job) {
        pool.enqueue(job.id(), () -> runner.run(job));
    }

    public Job get(String id) {
        return registry.find(id).snapshot();
    }

    /** Every job, newest first. */
    public List<Job> list() {
        return registry.all().stream()
                .map(TrainingJob::snapshot)
                .sorted(Comparator.comparing(Job::createdAt).reversed().thenComparing(Job::id))
                .toList();
    }

    /** @throws ConflictException when the job has already finished */
    public Job cancel(String id) {
        TrainingJob job = registry.find(id);
        if (!job.requestCancel()) {
            throw new ConflictException(
                    "job " + id + " has already finished (" + job.status() + ")", Map.of("status", job.status()));
        }
        if (job.status() == JobStatus.CANCELLED) {
            checkpoints.delete(id);
            pool.withdraw(id);
            registry.persist(job);
            events.status(job.snapshot());
        }
        return job.snapshot();
    }

    @Override
    public List<String> unfinishedJobsUsing(String dataset) {
        return registry.all().stream()
                .filter(job ->
                        !job.status().finished() && dataset.equals(job.request().dataset()))
                .map(TrainingJob::id)
                .sorted()
                .toList();
    }

    @Override
    public void destroy() throws InterruptedException {
        runner.shuttingDown();
        registry.all().stream().filter(job -> job.status() == JobStatus.RUNNING).forEach(TrainingJob::requestCancel);
        pool.shutdown();
    }
}
