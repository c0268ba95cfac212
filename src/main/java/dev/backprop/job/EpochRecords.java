package dev.backprop.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows a job adds as it trains, beside its own row ({@link JobRecords}): one per finished epoch
 * and one per diagnosed step, their metrics as versioned JSON.
 */
final class EpochRecords {

    private static final Logger log = LoggerFactory.getLogger(EpochRecords.class);

    private final JdbcClient db;
    private final JsonMapper json;

    EpochRecords(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
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

    /** One job's epochs in order, leaving out any damaged one. */
    List<EpochMetrics> epochs(String id) {
        return db
                .sql("SELECT metrics FROM job_epochs WHERE job_id = ? ORDER BY epoch")
                .param(id)
                .query((rs, row) -> readableEpoch(id, rs.getString(1)))
                .list()
                .stream()
                .flatMap(Optional::stream)
                .toList();
    }

    /** One job's diagnosed steps in order. */
    List<StepMetrics> steps(String id) {
        return db.sql("SELECT epoch, step, layers FROM job_steps WHERE job_id = ? ORDER BY step")
                .param(id)
                .query((rs, row) -> new StepMetrics(
                        rs.getInt(1), rs.getLong(2), List.of(json.readValue(rs.getString(3), LayerMetrics[].class))))
                .list();
    }

    /** Every job's epochs, by job id: one query however many jobs there are. */
    Map<String, List<EpochMetrics>> everyJobsEpochs() {
        return byJob(db.sql("SELECT job_id, metrics FROM job_epochs ORDER BY job_id, epoch"));
    }

    /** These jobs' epochs, by job id: one query however many jobs there are. */
    Map<String, List<EpochMetrics>> epochsOf(Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return new HashMap<>();
        }
        String marks = String.join(", ", Collections.nCopies(jobIds.size(), "?"));
        return byJob(
                db.sql("SELECT job_id, metrics FROM job_epochs WHERE job_id IN (" + marks + ") ORDER BY job_id, epoch")
                        .params(List.copyOf(jobIds)));
    }

    private Map<String, List<EpochMetrics>> byJob(JdbcClient.StatementSpec query) {
        Map<String, List<EpochMetrics>> epochs = new HashMap<>();
        query.query(rs -> {
            String jobId = rs.getString(1);
            readableEpoch(jobId, rs.getString(2))
                    .ifPresent(epoch -> epochs.computeIfAbsent(jobId, id -> new ArrayList<>())
                            .add(epoch));
        });
        return epochs;
    }

    private Optional<EpochMetrics> readableEpoch(String jobId, String metrics) {
        try {
            return Optional.of(json.readValue(metrics, EpochMetrics.class));
        } catch (RuntimeException damaged) {
            log.warn("An epoch record of job {} is damaged and left out: {}", jobId, damaged.getMessage());
            return Optional.empty();
        }
    }
}
