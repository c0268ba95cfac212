package dev.backprop.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiFunction;
import tools.jackson.databind.json.JsonMapper;

/** How a job sits in its row of {@code jobs}: the columns read back, and its times as the database keeps them. */
final class JobRow {

    static final String COLUMNS = "id, name, status, request, created_at, started_at, finished_at, progress,"
            + " progress_at_start, current_epoch, model_id, error, kept_epoch, stop_reason, resumed_from_epoch, worker,"
            + " kernels";

    private JobRow() {}

    /** The job in the current row, still to be given its epochs and steps. */
    static BiFunction<List<EpochMetrics>, List<StepMetrics>, Job> read(ResultSet rs, JsonMapper json, Instant now)
            throws SQLException {
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
        Double eta = TrainingJob.eta(status, startedAt, progress, rs.getDouble("progress_at_start"), now);
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
