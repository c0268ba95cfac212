package dev.backprop.job;

import dev.backprop.dataset.DatasetUsage;
import dev.backprop.failure.CapacityExceededException;
import dev.backprop.failure.ConflictException;
import dev.backprop.failure.NotFoundException;
import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts training jobs, answers for any of them (wherever it trains) and cancels them. The records
 * are shared by every replica; {@link JobWorker} trains this replica's share.
 */
@Service
public class JobService implements DatasetUsage {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    /**
     * Drawn seeds stay below 2^53, the largest integer a JSON number keeps exactly in JavaScript (and that
     * validators allow for int64), so that any client can replay a job from the seed it was shown.
     */
    public static final long SEED_BOUND = 1L << 53;
    /** When a client refused for a full queue may try again: about one short job's time. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final JobRecords records;
    private final JobClaims claims;
    private final JobWorker worker;
    private final CheckpointStore checkpoints;
    private final int queueCapacity;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom seeds = new SecureRandom();

    JobService(
            JobRecords records,
            JobClaims claims,
            JobWorker worker,
            CheckpointStore checkpoints,
            TrainingProperties properties) {
        this.records = records;
        this.claims = claims;
        this.worker = worker;
        this.checkpoints = checkpoints;
        this.queueCapacity = properties.queueCapacity();
    }

    /**
     * Queues a validated request.
     *
     * @throws CapacityExceededException when {@code queue-capacity} jobs already wait
     */
    public Job submit(TrainingRequest request) {
        TrainingRequest resolved = request.withDefaults(seeds.nextLong(SEED_BOUND));
        Job job = TrainingJob.queued(UUID.randomUUID().toString(), resolved, clock.instant());
        records.insert(job);
        // A free training thread here takes the job at once, so that only jobs that really wait count.
        worker.claimWhileFree();
        long waiting = records.count(JobStatus.QUEUED);
        if (waiting > queueCapacity && records.deleteQueued(job.id())) {
            throw new CapacityExceededException(
                    "the training queue is full (" + (waiting - 1)
                            + " jobs waiting); try again when a job has finished",
                    RETRY_AFTER);
        }
        log.info("Job {} queued: {} on {}", job.id(), resolved.layers(), resolved.dataset());
        return get(job.id());
    }

    /** @throws NotFoundException when no job has this id */
    public Job get(String id) {
        return records.find(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    /** A page of jobs, newest first; {@code status} null for every status. */
    public Page<Job> list(JobStatus status, PageRequest page) {
        return records.page(status, page);
    }

    /**
     * Cancels a queued job at once; a running one stops before its next mini-batch, wherever it trains.
     *
     * @throws ConflictException when the job has already finished
     */
    public Job cancel(String id) {
        switch (claims.cancel(id, clock.instant())) {
            case CANCELLED -> checkpoints.delete(id);
            case STOPPING -> worker.stopIfHere(id);
            case NO_SUCH_JOB -> throw new NotFoundException("job", id);
            case ALREADY_FINISHED -> {
                JobStatus status = get(id).status();
                throw new ConflictException(
                        "job " + id + " has already finished (" + status + ")", Map.of("currentStatus", status));
            }
        }
        return get(id);
    }

    @Override
    public List<String> unfinishedJobsUsing(String dataset) {
        return records.unfinishedUsing(dataset);
    }
}
