package dev.backprop.job;

import static dev.backprop.job.JobRow.time;

import dev.backprop.resilience.BackgroundDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which replica trains which job, kept in the job's own row. A replica claims a queued job with one
 * conditional UPDATE ({@code WHERE status = 'QUEUED'}): the database lets exactly one of several
 * replicas change that row, so exactly one trains it. The claim is a lease that the trainer renews by
 * heartbeat; a job whose lease ran out (its replica died or hung) goes back to the queue, to be
 * resumed from its last checkpoint by whichever replica claims it next.
 */
@Component
class JobClaims {

    /** Jobs each claim attempt looks at, oldest first; losing a race for one moves on to the next. */
    private static final int CANDIDATES = 8;

    private final JdbcClient db;
    private final JobRecords records;

    JobClaims(BackgroundDatabase background, JobRecords records) {
        this.db = background.jdbc();
        this.records = records.on(background);
    }

    /**
     * The database's time. Leases are set and compared in it, so that replicas whose clocks disagree
     * still agree on when a lease runs out.
     */
    Instant now() {
        return db.sql("SELECT CURRENT_TIMESTAMP")
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
    }

    /** Claims the oldest queued job for {@code worker}, if there is one to claim. */
    Optional<Job> claimNext(String worker, Instant now, Duration lease) {
        List<String> candidates = db.sql("SELECT id FROM jobs WHERE status = 'QUEUED' AND NOT cancel_requested"
                        + " ORDER BY created_at, id LIMIT " + CANDIDATES)
                .query(String.class)
                .list();
        for (String id : candidates) {
            int claimed = db.sql("UPDATE jobs SET status = 'RUNNING', worker = ?, lease_until = ?,"
                            + " started_at = ?, progress_at_start = progress"
                            + " WHERE id = ? AND status = 'QUEUED' AND NOT cancel_requested")
                    .params(worker, time(now.plus(lease)), time(now), id)
                    .update();
            if (claimed == 1) {
                return records.find(id);
            }
        }
        return Optional.empty();
    }

    /** Extends the lease; false when {@code worker} no longer holds the job (it expired and was taken). */
    boolean renew(String id, String worker, Instant now, Duration lease) {
        return db.sql("UPDATE jobs SET lease_until = ? WHERE id = ? AND worker = ? AND status = 'RUNNING'")
                        .params(time(now.plus(lease)), id, worker)
                        .update()
                > 0;
    }

    /** Of these jobs, those a client asked to cancel. */
    Set<String> cancelRequested(Set<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.sql("SELECT id FROM jobs WHERE cancel_requested AND id IN (:ids)")
                .param("ids", ids)
                .query(String.class)
                .list());
    }

    /**
     * Gives the jobs whose lease ran out back to the queue (or, if a client asked for it meanwhile,
     * cancels them), each to resume after the epochs it had recorded.
     *
     * @return how many jobs were taken back
     */
    int reclaimExpired(Instant now) {
        db.sql("UPDATE jobs SET status = 'CANCELLED', finished_at = ?, lease_until = NULL,"
                        + " stop_reason = 'cancelled while its replica was unreachable'"
                        + " WHERE status = 'RUNNING' AND (lease_until IS NULL OR lease_until < ?) AND cancel_requested")
                .params(time(now), time(now))
                .update();
        // No lease at all: a record imported from the first release, which had none.
        return requeue("status = 'RUNNING' AND (lease_until IS NULL OR lease_until < ?)", time(now));
    }

    /**
     * Puts a job training here back in the queue at once, after the epochs it recorded, because a store
     * stayed away too long; not an interruption of the job's making, so not counted as one.
     */
    void handBack(String id, String worker) {
        String epochs = "(SELECT COUNT(*) FROM job_epochs e WHERE e.job_id = jobs.id)";
        db.sql("UPDATE jobs SET status = 'QUEUED', lease_until = NULL, resumed_from_epoch = " + epochs
                        + ", current_epoch = " + epochs + " WHERE id = ? AND worker = ? AND status = 'RUNNING'")
                .params(id, worker)
                .update();
    }

    /** At start-up: the jobs this worker (or, embedded, any worker) was training when it stopped. */
    int requeueInterrupted(String worker, boolean everyWorker) {
        return everyWorker ? requeue("status = 'RUNNING'") : requeue("status = 'RUNNING' AND worker = ?", worker);
    }

    /**
     * Puts interrupted jobs back in the queue, counting the interruptions in a row that no epoch finished
     * between; a job stopped {@value #MAX_INTERRUPTIONS} times so (each start dies in the same place, out of
     * memory say) is failed rather than retried forever.
     */
    private int requeue(String condition, Object... params) {
        String epochs = "(SELECT COUNT(*) FROM job_epochs e WHERE e.job_id = jobs.id)";
        int requeued = db.sql("UPDATE jobs SET status = 'QUEUED', lease_until = NULL,"
                        + " interruptions = CASE WHEN resumed_from_epoch = " + epochs
                        + " THEN interruptions + 1 ELSE 1 END,"
                        + " resumed_from_epoch = " + epochs + ", current_epoch = " + epochs
                        + " WHERE " + condition)
                .params(params)
                .update();
        int failed = db.sql("UPDATE jobs SET status = 'FAILED', finished_at = ?, error = ?"
                        + " WHERE status = 'QUEUED' AND interruptions >= ?")
                .params(
                        time(Instant.now()),
                        "the service stopped " + MAX_INTERRUPTIONS + " times while this job trained, each time"
                                + " before an epoch finished (out of memory?); submit it again to retry",
                        MAX_INTERRUPTIONS)
                .update();
        return requeued - failed;
    }

    static final int MAX_INTERRUPTIONS = 3;

    /** What a cancel request did. */
    enum CancelOutcome {
        /** The job was waiting and is cancelled. */
        CANCELLED,
        /** The job is training; its replica stops it before its next mini-batch. */
        STOPPING,
        ALREADY_FINISHED,
        NO_SUCH_JOB
    }

    /** Cancels a job that waits, or asks the replica training it to stop. */
    CancelOutcome cancel(String id, Instant now) {
        int queued = db.sql("UPDATE jobs SET status = 'CANCELLED', cancel_requested = TRUE, finished_at = ?,"
                        + " stop_reason = 'cancelled during epoch ' || CAST(GREATEST(1, current_epoch) AS VARCHAR)"
                        + " WHERE id = ? AND status = 'QUEUED'")
                .params(time(now), id)
                .update();
        if (queued > 0) {
            return CancelOutcome.CANCELLED;
        }
        int running = db.sql("UPDATE jobs SET cancel_requested = TRUE WHERE id = ? AND status = 'RUNNING'")
                .param(id)
                .update();
        if (running > 0) {
            return CancelOutcome.STOPPING;
        }
        return records.exists(id) ? CancelOutcome.ALREADY_FINISHED : CancelOutcome.NO_SUCH_JOB;
    }
}
