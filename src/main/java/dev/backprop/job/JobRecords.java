package dev.backprop.job;

import dev.backprop.paging.Cursor;
import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import dev.backprop.resilience.BackgroundDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job records in the database: one row per job (the request as versioned JSON, the state in
 * columns), one row per finished epoch and one per diagnosed step. Every replica reads and writes the same rows; a replica
 * changes the state of a running job only while it holds the job's claim ({@link JobClaims}).
 */
@Component
class JobRecords {

    /** Version of the JSON in the {@code request} and {@code metrics} columns. */
    static final int RECORD_VERSION = 1;

    private static final String COLUMNS = "id, name, status, request, created_at, started_at, finished_at, progress,"
            + " progress_at_start, current_epoch, model_id, error, kept_epoch, stop_reason, resumed_from_epoch, worker,"
            + " kernels";

    private static final Logger log = LoggerFactory.getLogger(JobRecords.class);

    private final JdbcClient db;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    JobRecords(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
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
                        time(job.createdAt()),
                        time(job.startedAt()),
                        time(job.finishedAt()),
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
        job.epochs().forEach(epoch -> addEpoch(job.id(), epoch));
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
        return db.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")
                .param(id)
                .query((rs, row) -> row(rs))
                .optional()
                .map(row -> row.apply(epochs(id), steps(id)));
    }

    /** Every job, newest first, with its epochs (not its steps): two queries however many jobs there are. */
    List<Job> list() {
        Map<String, List<EpochMetrics>> epochs = new HashMap<>();
        db.sql("SELECT job_id, metrics FROM job_epochs ORDER BY job_id, epoch").query(rs -> {
            String jobId = rs.getString(1);
            readableEpoch(jobId, rs.getString(2))
                    .ifPresent(epoch -> epochs.computeIfAbsent(jobId, id -> new ArrayList<>())
                            .add(epoch));
        });
        return db
                .sql("SELECT " + COLUMNS + " FROM jobs ORDER BY created_at DESC, id")
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
            return Optional.of(row(rs).apply(epochs.getOrDefault(rs.getString("id"), List.of()), List.of()));
        } catch (RuntimeException damaged) {
            log.warn(
                    "The record of job {} is damaged and left out of the list: {}",
                    rs.getString("id"),
                    damaged.getMessage());
            return Optional.empty();
        }
    }

    private Optional<EpochMetrics> readableEpoch(String jobId, String metrics) {
        try {
            return Optional.of(json.readValue(metrics, EpochMetrics.class));
        } catch (RuntimeException damaged) {
            log.warn("An epoch record of job {} is damaged and left out: {}", jobId, damaged.getMessage());
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
        List<Job> rows = db
                .sql("SELECT " + COLUMNS + " FROM jobs" + where + " ORDER BY created_at DESC, id LIMIT ?")
                .params(params)
                .query((rs, row) -> readable(rs, Map.of()))
                .list()
                .stream()
                .flatMap(Optional::stream)
                .toList();
        Page<Job> page = Page.of(rows, request.limit(), job -> new Cursor(job.createdAt(), job.id()));
        Map<String, List<EpochMetrics>> epochs = epochsOf(page.items());
        return page.map(job -> job.withEpochs(epochs.getOrDefault(job.id(), List.of())));
    }

    private Map<String, List<EpochMetrics>> epochsOf(List<Job> jobs) {
        Map<String, List<EpochMetrics>> epochs = new HashMap<>();
        if (jobs.isEmpty()) {
            return epochs;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(jobs.size(), "?"));
        db.sql("SELECT job_id, metrics FROM job_epochs WHERE job_id IN (" + marks + ") ORDER BY job_id, epoch")
                .params(jobs.stream().map(Job::id).toList())
                .query(rs -> {
                    String jobId = rs.getString(1);
                    readableEpoch(jobId, rs.getString(2))
                            .ifPresent(epoch -> epochs.computeIfAbsent(jobId, id -> new ArrayList<>())
                                    .add(epoch));
                });
        return epochs;
    }

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
                                time(job.startedAt()),
                                time(job.finishedAt()),
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
        try {
            db.sql("INSERT INTO job_epochs (job_id, epoch, metrics) VALUES (?, ?, ?)")
                    .params(id, metrics.epoch(), json.writeValueAsString(metrics))
                    .update();
        } catch (DuplicateKeyException alreadyThere) {
            // Retried after the database dropped the connection, having committed the first try.
        }
    }

    void addStep(String id, StepMetrics step) {
        db.sql("INSERT INTO job_steps (job_id, step, epoch, layers) VALUES (?, ?, ?, ?)")
                .params(id, step.step(), step.epoch(), json.writeValueAsString(step.layers()))
                .update();
    }

    /**
     * Forgets the epochs after {@code kept}, those a resumed job trains again from its checkpoint, and the
     * steps taken in them (all of them when it starts over, as it measures step 0 again).
     */
    void keepEpochs(String id, int kept) {
        db.sql("DELETE FROM job_epochs WHERE job_id = ? AND epoch > ?")
                .params(id, kept)
                .update();
        db.sql("DELETE FROM job_steps WHERE job_id = ? AND (epoch > ? OR ? = 0)")
                .params(id, kept, kept)
                .update();
    }

    private List<StepMetrics> steps(String id) {
        return db.sql("SELECT epoch, step, layers FROM job_steps WHERE job_id = ? ORDER BY step")
                .param(id)
                .query((rs, row) -> new StepMetrics(
                        rs.getInt(1), rs.getLong(2), List.of(json.readValue(rs.getString(3), LayerMetrics[].class))))
                .list();
    }

    private List<EpochMetrics> epochs(String id) {
        return db
                .sql("SELECT metrics FROM job_epochs WHERE job_id = ? ORDER BY epoch")
                .param(id)
                .query((rs, row) -> readableEpoch(id, rs.getString(1)))
                .list()
                .stream()
                .flatMap(Optional::stream)
                .toList();
    }

    /** The job in the current row, still to be given its epochs and steps. */
    private BiFunction<List<EpochMetrics>, List<StepMetrics>, Job> row(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String name = rs.getString("name");
        JobStatus status = JobStatus.valueOf(rs.getString("status"));
        TrainingRequest request = json.readValue(rs.getString("request"), TrainingRequest.class);
        if (request == null) {
            throw new IllegalStateException("its request is missing");
        }
        Instant createdAt = instant(rs, "created_at");
        Instant startedAt = instant(rs, "started_at");
        Instant finishedAt = instant(rs, "finished_at");
        double progress = rs.getDouble("progress");
        int currentEpoch = rs.getInt("current_epoch");
        String modelId = rs.getString("model_id");
        String error = rs.getString("error");
        Double eta = TrainingJob.eta(status, startedAt, progress, rs.getDouble("progress_at_start"), clock.instant());
        Integer keptEpoch = rs.getObject("kept_epoch", Integer.class);
        String stopReason = rs.getString("stop_reason");
        Integer resumedFromEpoch = rs.getObject("resumed_from_epoch", Integer.class);
        String worker = rs.getString("worker");
        String kernels = rs.getString("kernels");
        return (epochs, steps) -> new Job(
                id,
                name,
                status,
                request,
                createdAt,
                startedAt,
                finishedAt,
                progress,
                currentEpoch,
                epochs,
                modelId,
                error,
                eta,
                keptEpoch,
                stopReason,
                resumedFromEpoch,
                worker,
                kernels,
                steps);
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
