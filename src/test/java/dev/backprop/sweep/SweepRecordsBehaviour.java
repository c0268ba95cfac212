package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the sweep records (a {@code LeasedRecords} table) do on any database the service runs on:
 * {@link SweepRecordsOnH2SliceTest} and {@link SweepRecordsOnPostgresSliceTest} run it on each.
 */
@Import(SweepRecords.class)
abstract class SweepRecordsBehaviour {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    @Autowired
    SweepRecords records;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient db;

    private Sweep sweep(String id, String status, Instant created, Instant started, String worker) {
        SweepRequest request = json.readValue("""
                {"name": "lr", "base": {"layers": [784, 10, 10], "epochs": 1},
                 "parameters": {"learningRate": {"choice": [0.1, 1]}}, "trials": 2}""", SweepRequest.class);
        return new Sweep(
                id, "lr", status, request, created, started, null, List.of(), null, 0, 0, 0, 2, null, worker, null);
    }

    private Sweep queued(Instant created) {
        Sweep sweep = sweep(UUID.randomUUID().toString(), "QUEUED", created, null, null);
        records.insert(sweep);
        return sweep;
    }

    @Test
    void aSweepIsReadBackAsItWasWritten() {
        Sweep sweep = queued(T0);
        assertThat(records.find(sweep.id())).contains(sweep);
        assertThat(records.find("no-such-sweep")).isEmpty();
    }

    @Test
    void pagesGoNewestFirstOfOneStatusAndTheCursorLeadsThroughEachOnce() {
        List<String> newestFirst = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            newestFirst.add(0, queued(T0.plusSeconds(3600L * 24 * 365 + k)).id());
        }
        Sweep running = queued(T0.plusSeconds(3600L * 24 * 365 * 2));
        Instant now = records.now();
        assertThat(records.claim(running.id(), "replica-a", now, Duration.ofMinutes(1)))
                .isTrue();
        assertThat(records.save(sweep("no-such-sweep", "RUNNING", running.createdAt(), now, "replica-a"), "replica-a"))
                .as("no such row")
                .isFalse();
        Sweep started = sweep(running.id(), "RUNNING", running.createdAt(), now, "replica-a");
        assertThat(records.save(started, "replica-b")).isFalse();
        assertThat(records.save(started, "replica-a")).isTrue();

        List<String> seen = new ArrayList<>();
        Page<Sweep> page = records.page("QUEUED", PageRequest.first(2));
        seen.addAll(page.items().stream().map(Sweep::id).toList());
        for (int pages = 1; page.next() != null; pages++) {
            assertThat(page.items()).hasSize(2);
            assertThat(pages).as("pages followed").isLessThan(1000);
            page = records.page("QUEUED", PageRequest.of(2, page.next().encode()));
            seen.addAll(page.items().stream().map(Sweep::id).toList());
        }
        assertThat(seen).doesNotHaveDuplicates().doesNotContain(running.id());
        assertThat(seen.stream().filter(newestFirst::contains).toList()).isEqualTo(newestFirst);
        assertThat(records.page("RUNNING", PageRequest.first(1000)).items())
                .extracting(Sweep::id)
                .contains(running.id())
                .doesNotContainAnyElementsOf(newestFirst);
        assertThat(records.find(running.id()).orElseThrow().status()).isEqualTo("RUNNING");
    }

    @Test
    void aDamagedRowIsLeftOutOfListsAndPagesAndHidesNothingElse() {
        // A status of this test's own, so that a walk of pages of one meets only its three rows.
        String status = "WALKED" + UUID.randomUUID().toString().substring(0, 8);
        Sweep older = sweep(UUID.randomUUID().toString(), status, T0.minusSeconds(20), null, null);
        Sweep newer = sweep(UUID.randomUUID().toString(), status, T0, null, null);
        records.insert(older);
        records.insert(newer);
        String damaged = "damaged-" + UUID.randomUUID();
        db.sql("INSERT INTO sweeps (id, record_version, status, created_at, record, cancel_requested)"
                        + " VALUES (?, 1, ?, ?, ?, FALSE)")
                .params(damaged, status, T0.minusSeconds(10).atOffset(ZoneOffset.UTC), "{\"id\": \"cut")
                .update();

        assertThat(records.list())
                .extracting(Sweep::id)
                .contains(older.id(), newer.id())
                .doesNotContain(damaged);
        List<String> seen = new ArrayList<>();
        Page<Sweep> page = records.page(status, PageRequest.first(1));
        seen.addAll(page.items().stream().map(Sweep::id).toList());
        for (int pages = 1; page.next() != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(10);
            page = records.page(status, PageRequest.of(1, page.next().encode()));
            seen.addAll(page.items().stream().map(Sweep::id).toList());
        }
        assertThat(seen).as("a walk of pages of one, past the damaged row").containsExactly(newer.id(), older.id());
    }

    @Test
    void aCancelRequestIsAFlagOnTheRow() {
        Sweep sweep = queued(T0);
        assertThat(records.cancelRequested(sweep.id())).isFalse();
        records.requestCancel(sweep.id());
        assertThat(records.cancelRequested(sweep.id())).isTrue();
        assertThat(records.cancelRequested("no-such-sweep")).isFalse();
    }
}
