package dev.backprop.curve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.SharedStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Learning curves in their table (migration V16) on H2 and on the real PostgreSQL: kept and read back,
 * leased to one replica at a time, taken over when the lease runs out, cancelled by a flag.
 */
class CurveRecordsTest {

    private static CurveRecords records(String database) {
        DriverManagerDataSource source = database.equals("h2")
                ? new DriverManagerDataSource(
                        "jdbc:h2:mem:curves-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : new DriverManagerDataSource(
                        SharedStores.freshPostgresDatabase(), SharedStores.USER, SharedStores.PASSWORD);
        Flyway.configure().dataSource(source).load().migrate();
        return new CurveRecords(JdbcClient.create(source), JsonMapper.builder().build());
    }

    private static LearningCurve queued(Instant created) {
        LearningCurveRequest request = new LearningCurveRequest(
                "curve", Map.of("layers", List.of(784, 30, 10), "seed", 3), List.of(100, 1000), "fixed", true, 1);
        return new LearningCurve(
                UUID.randomUUID().toString(),
                "curve",
                "QUEUED",
                request,
                created,
                null,
                null,
                List.of(new LearningCurve.Point(100, 3, 30, null, null, null, null, "PENDING")),
                null,
                null,
                null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void oneReplicaAtATimeHoldsACurveUntilItsLeaseRunsOut(String database) {
        CurveRecords records = records(database);
        Instant now = Instant.parse("2026-12-05T06:00:00Z");
        LearningCurve older = queued(now.minusSeconds(5));
        LearningCurve curve = queued(now);
        records.insert(older);
        records.insert(curve);

        assertThat(records.find(curve.id())).contains(curve);
        assertThat(records.list()).extracting(LearningCurve::id).containsExactly(curve.id(), older.id());
        assertThat(records.unfinished()).containsExactly(older.id(), curve.id());

        Duration lease = Duration.ofSeconds(60);
        assertThat(records.claim(curve.id(), "a", now, lease)).isTrue();
        assertThat(records.claim(curve.id(), "b", now.plusSeconds(30), lease)).isFalse();
        LearningCurve running = new LearningCurve(
                curve.id(),
                curve.name(),
                "RUNNING",
                curve.request(),
                curve.createdAt(),
                now,
                null,
                curve.points(),
                null,
                "a",
                null);
        assertThat(records.save(running, "b")).isFalse();
        assertThat(records.save(running, "a")).isTrue();
        assertThat(records.find(curve.id()).orElseThrow().status()).isEqualTo("RUNNING");

        // a stops renewing: after the lease, b takes over and a can no longer write.
        assertThat(records.claim(curve.id(), "b", now.plusSeconds(61), lease)).isTrue();
        assertThat(records.save(running, "a")).isFalse();

        assertThat(records.cancelRequested(curve.id())).isFalse();
        records.requestCancel(curve.id());
        assertThat(records.cancelRequested(curve.id())).isTrue();
        LearningCurve cancelled = new LearningCurve(
                curve.id(),
                curve.name(),
                "CANCELLED",
                curve.request(),
                curve.createdAt(),
                now,
                now.plusSeconds(62),
                curve.points(),
                null,
                "b",
                null);
        assertThat(records.save(cancelled, "b")).isTrue();
        assertThat(records.unfinished()).containsExactly(older.id());
        assertThat(records.claim(curve.id(), "b", now.plusSeconds(63), lease))
                .as("finished")
                .isFalse();
    }
}
