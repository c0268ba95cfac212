package dev.backprop.job;

import dev.backprop.paging.Cursor;
import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import dev.backprop.resilience.BackgroundDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job records in the database: one row per job (the request as versioned JSON, the state in
 * columns), with the rows of its epochs and diagnosed steps ({@link EpochRecords}). Every replica reads and writes the same rows; a replica
 * changes the state of a running job only while it holds the job's claim ({@link JobClaims}).
 */
@Component
class JobRecords {

    /** Version of the JSON in the {@code request} and {@code metrics} columns. */
    static final int RECORD_VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(JobRecords.class);

    private final JdbcClient db;
    private final JsonMapper json;
    private final EpochRecords epochs;
    private final Clock clock = Clock.systemUTC();

    JobRecords(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
        this.epochs = new EpochRecords(db, json);
    }

    /** The same records, reached through the service's own pool rather than the requests'. */
    JobRecords on(BackgroundDatabase background) {
        return new JobRecords(background.jdbc(), json);
    }

    void insert(Job job) {
        db.sql("INSERT INTO jobs (id, record_version, name, dataset, request, status, created_at, started_at,"
                        + " finished_at, progress, progress_at_start, current_epoch, model_id, error, kept_epoch,"
                        + " stop_reason, resumed_from_epoch, worker, cancel_requested)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)")
                .params(
                        job.id(),
                        RECORD_VERSION,
                        job.name(),
                        job.request().dataset(),
                        json.writeValueAsString(job.request()),
                        job.status().name(),
                        JobRow.time(job.createdAt()),
                        JobRow.time(job.startedAt()),
                        JobRow.time(job.finishedAt()),
                        job.progress(),
                        job.progress(),
                        job.currentEpoch(),
                        job.modelId(),
                        job.error(),
                        job.keptEpoch(),
                        job.stopReason(),
                        job.resumedFromEpoch(),
                        job.worker())
                .update();
        job.epochs().forEach(epoch -> epochs.addEpoch(job.id(), epoch));
    }

    boolean exists(String id) {
        return db.sql("SELECT COUNT(*) FROM jobs WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * The job with its epochs: the row first, then its epochs (so at least as new as the row), one query
     * after the other, so that a request holds one pooled connection at a time.
     */
    Optional<Job> find(String id) {
        return db.sql("SELECT " + JobRow.COLUMNS + " FROM jobs WHERE id = ?")
                .param(id)
                .query((rs, row) -> JobRow.read(rs, json, clock.instant()))
                .optional()
                .map(row -> row.apply(epochs.epochs(id), epochs.steps(id)));
    }

    /** Every job, newest first, with its epochs (not its steps): two queries however many jobs there are. */
    List<Job> list() {
        Map<String, List<EpochMetrics>> epochs = this.epochs.everyJobsEpochs();
        return db
                .sql("SELECT " + JobRow.COLUMNS + " FROM jobs ORDER BY created_at DESC, id")
                .query((rs, row) -> readable(rs, epochs))
                .list()
                .stream()
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * The job in this row, or empty when the row is damaged (a request cut short or missing, a status this
     * version does not know): a list shows the rest, and the log names the damaged one.
     */
    private Optional<Job> readable(ResultSet rs, Map<String, List<EpochMetrics>> epochs) throws SQLException {
        try {
            return Optional.of(JobRow.read(rs, json, clock.instant())
                    .apply(epochs.getOrDefault(rs.getString("id"), List.of()), List.of()));
        } catch (RuntimeException damaged) {
            log.warn(
                    "The record of job {} is damaged and left out of the list: {}",
                    rs.getString("id"),
                    damaged.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A page of jobs, newest first, optionally of one status, with their epochs: two queries however
     * many jobs the page holds.
     */
    Page<Job> page(JobStatus status, PageRequest request) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            params.add(status.name());
        }
        if (request.after() != null) {
            conditions.add(Cursor.SQL_AFTER);
            params.addAll(List.of(request.after().sqlParameters()));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        params.add(request.limit() + 1);
        // Damaged rows count toward the page and its cursor, so one of them cannot end a listing early.
        Page<Fetched> fetched = Page.of(
                db.sql("SELECT " + JobRow.COLUMNS + " FROM jobs" + where + " ORDER BY created_at DESC, id LIMIT ?")
                        .params(params)
                        .query((rs, row) -> new Fetched(
                                new Cursor(JobRow.instant(rs, "created_at"), rs.getString("id")),
                                readable(rs, Map.of())))
                        .list(),
                request.limit(),
                Fetched::key);
        List<Job> jobs =
                fetched.items().stream().flatMap(row -> row.job().stream()).toList();
        Map<String, List<EpochMetrics>> epochs =
                this.epochs.epochsOf(jobs.stream().map(Job::id).toList());
        return new Page<>(
                jobs.stream()
                        .map(job -> job.withEpochs(epochs.getOrDefault(job.id(), List.of())))
                        .toList(),
                fetched.next());
    }

    private record Fetched(Cursor key, Optional<Job> job) {}

    long count(JobStatus status) {
        return db.sql("SELECT COUNT(*) FROM jobs WHERE status = ?")
                .param(status.name())
                .query(Long.class)
                .single();
    }

    List<String> unfinishedUsing(String dataset) {
        return db.sql("SELECT id FROM jobs WHERE dataset = ? AND status IN ('QUEUED', 'RUNNING') ORDER BY id")
                .param(dataset)
                .query(String.class)
                .list();
    }

    /** Removes a job that was never claimed, as if it had not been submitted. */
    boolean deleteQueued(String id) {
        return db.sql("DELETE FROM jobs WHERE id = ? AND status = 'QUEUED' AND worker IS NULL")
                        .param(id)
                        .update()
                > 0;
    }

    /** Writes a running job's state; false when {@code worker} no longer holds it, and so must stop. */
    boolean save(Job job, String worker) {
        return save(job, worker, "");
    }

    /** Saves a finished job unless a client asked to cancel it meanwhile (checked in the same statement). */
    boolean saveUnlessCancelRequested(Job job, String worker) {
        return save(job, worker, " AND NOT cancel_requested");
    }

    /** Whether a client asked to cancel this job, still training at {@code worker}. */
    boolean cancelRequested(String id, String worker) {
        return db.sql(
                                "SELECT COUNT(*) FROM jobs WHERE id = ? AND worker = ? AND status = 'RUNNING' AND cancel_requested")
                        .params(id, worker)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private boolean save(Job job, String worker, String condition) {
        return db.sql("UPDATE jobs SET status = ?, started_at = ?, finished_at = ?, progress = ?,"
                                + " current_epoch = ?, model_id = ?, error = ?, kept_epoch = ?, stop_reason = ?,"
                                + " resumed_from_epoch = ?, kernels = ?"
                                + " WHERE id = ? AND worker = ? AND status = 'RUNNING'" + condition)
                        .params(
                                job.status().name(),
                                JobRow.time(job.startedAt()),
                                JobRow.time(job.finishedAt()),
                                job.progress(),
                                job.currentEpoch(),
                                job.modelId(),
                                job.error(),
                                job.keptEpoch(),
                                job.stopReason(),
                                job.resumedFromEpoch(),
                                job.kernels(),
                                job.id(),
                                worker)
                        .update()
                > 0;
    }

    void progress(String id, String worker, int epoch, double progress) {
        db.sql("UPDATE jobs SET current_epoch = ?, progress = ? WHERE id = ? AND worker = ? AND status = 'RUNNING'")
                .params(epoch, progress, id, worker)
                .update();
    }

    void addEpoch(String id, EpochMetrics metrics) {
        epochs.addEpoch(id, metrics);
    }

    void addStep(String id, StepMetrics step) {
        epochs.addStep(id, step);
    }

    /** Forgets the epochs (and steps) after {@code kept}: see {@link EpochRecords#keepEpochs}. */
    void keepEpochs(String id, int kept) {
        epochs.keepEpochs(id, kept);
    }
}
