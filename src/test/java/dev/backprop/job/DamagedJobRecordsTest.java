package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/** Damaged job rows (a request cut short, missing, a status this version does not know) do not hide the others. */
class DamagedJobRecordsTest {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aListLeavesOutTheDamagedRowsAndShowsTheRest() {
        DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:damaged-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).load().migrate();
        JdbcClient db = JdbcClient.create(database);
        JobRecords records = new JobRecords(db, json);
        TrainingRequest request = json.readValue("{\"layers\": [784, 10, 10]}", TrainingRequest.class)
                .withDefaults(1);
        records.insert(TrainingJob.queued("good", request, Instant.now()));
        for (String[] damage : new String[][] {
            {"cut-short", "QUEUED", "{\"layers\": [784, 1"},
            {"unknown-status", "PAUSED", json.writeValueAsString(request)},
            {"null-request", "QUEUED", "null"}
        }) {
            db.sql("INSERT INTO jobs (id, record_version, name, dataset, request, status, created_at, progress,"
                            + " progress_at_start, current_epoch, cancel_requested)"
                            + " VALUES (?, 1, ?, 'mnist', ?, ?, CURRENT_TIMESTAMP, 0, 0, 0, FALSE)")
                    .params(damage[0], damage[0], damage[2], damage[1])
                    .update();
        }
        db.sql("INSERT INTO job_epochs (job_id, epoch, metrics) VALUES ('good', 1, '{\"epoch\": 1, \"trai')")
                .update();

        assertThat(records.list()).extracting(Job::id).containsExactly("good");
        assertThat(records.find("good")).isPresent();
    }
}
