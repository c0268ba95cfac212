package dev.backprop.sweep;

import dev.backprop.paging.Cursor;
import dev.backprop.paging.Keyed;
import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sweeps in the {@code sweeps} table, shared by every replica. One replica at a time coordinates a
 * sweep, holding it by a lease it renews; when the lease runs out another one takes over.
 */
@Component
class SweepRecords {

    static final int RECORD_VERSION = 1;

    private final JdbcClient db;
    private final JsonMapper json;

    SweepRecords(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    void insert(Sweep sweep) {
        db.sql("INSERT INTO sweeps (id, record_version, status, created_at, record, cancel_requested)"
                        + " VALUES (?, ?, ?, ?, ?, FALSE)")
                .params(
                        sweep.id(),
                        RECORD_VERSION,
                        sweep.status(),
                        time(sweep.createdAt()),
                        json.writeValueAsString(sweep))
                .update();
    }

    /** Writes {@code sweep} if {@code worker} still holds it; false when the lease went to another replica. */
    boolean save(Sweep sweep, String worker) {
        return db.sql("UPDATE sweeps SET status = ?, record = ? WHERE id = ? AND worker = ?")
                        .params(sweep.status(), json.writeValueAsString(sweep), sweep.id(), worker)
                        .update()
                == 1;
    }

    Optional<Sweep> find(String id) {
        return db.sql("SELECT record FROM sweeps WHERE id = ?")
                .param(id)
                .query((rs, row) -> json.readValue(rs.getString(1), Sweep.class))
                .optional();
    }

    /** A page of sweeps, newest first, optionally of one status. */
    Page<Sweep> page(String status, PageRequest request) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            params.add(status);
        }
        if (request.after() != null) {
            conditions.add(Cursor.SQL_AFTER);
            params.addAll(List.of(request.after().sqlParameters()));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        params.add(request.limit() + 1);
        List<Keyed<Sweep>> rows = db.sql(
                        "SELECT record, created_at, id FROM sweeps" + where + " ORDER BY created_at DESC, id LIMIT ?")
                .params(params)
                .query((rs, row) -> Keyed.of(json.readValue(rs.getString(1), Sweep.class), rs))
                .list();
        return Page.of(rows, request.limit(), Keyed::cursor).map(Keyed::item);
    }

    /** Sweeps that have not finished: those some replica should coordinate. */
    List<String> unfinished() {
        return db.sql("SELECT id FROM sweeps WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at")
                .query(String.class)
                .list();
    }

    /** Takes or renews the lease on a sweep; true when {@code worker} holds it now. */
    boolean claim(String id, String worker, Instant now, Duration lease) {
        return db.sql("UPDATE sweeps SET worker = ?, lease_until = ? WHERE id = ? AND status IN ('QUEUED', 'RUNNING')"
                                + " AND (worker IS NULL OR worker = ? OR lease_until < ?)")
                        .params(worker, time(now.plus(lease)), id, worker, time(now))
                        .update()
                == 1;
    }

    void requestCancel(String id) {
        db.sql("UPDATE sweeps SET cancel_requested = TRUE WHERE id = ?")
                .param(id)
                .update();
    }

    boolean cancelRequested(String id) {
        return db.sql("SELECT cancel_requested FROM sweeps WHERE id = ?")
                .param(id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
