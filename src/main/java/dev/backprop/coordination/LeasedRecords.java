package dev.backprop.coordination;

import dev.backprop.paging.Cursor;
import dev.backprop.paging.Keyed;
import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import dev.backprop.resilience.BackgroundDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records in a table shared by every replica ({@code id, record_version, status, created_at, record,
 * worker, lease_until, cancel_requested}). One replica at a time coordinates a record, holding it by a
 * lease it renews; when the lease runs out another one takes over.
 */
public class LeasedRecords<T extends CoordinatedRecord> {

    private static final Logger log = LoggerFactory.getLogger(LeasedRecords.class);

    private final JdbcClient db;
    private final JsonMapper json;
    private final String table;
    private final Class<T> type;
    private final int recordVersion;

    /** {@code table} is a constant of the subclass, never client input. */
    protected LeasedRecords(JdbcClient db, JsonMapper json, String table, Class<T> type, int recordVersion) {
        this.db = db;
        this.json = json;
        this.table = table;
        this.type = type;
        this.recordVersion = recordVersion;
    }

    /** The same records, reached through the service's own pool rather than the requests'. */
    public LeasedRecords<T> on(BackgroundDatabase background) {
        return new LeasedRecords<>(background.jdbc(), json, table, type, recordVersion);
    }

    /** The database's time: leases are set and compared in it, as the jobs' are, whatever each replica's clock says. */
    public Instant now() {
        return db.sql("SELECT CURRENT_TIMESTAMP")
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    public void insert(T record) {
        db.sql("INSERT INTO " + table + " (id, record_version, status, created_at, record, cancel_requested)"
                        + " VALUES (?, ?, ?, ?, ?, FALSE)")
                .params(
                        record.id(),
                        recordVersion,
                        record.status(),
                        time(record.createdAt()),
                        json.writeValueAsString(record))
                .update();
    }

    /** Writes {@code record} if {@code worker} still holds it; false when the lease went to another replica. */
    public boolean save(T record, String worker) {
        return db.sql("UPDATE " + table + " SET status = ?, record = ? WHERE id = ? AND worker = ?")
                        .params(record.status(), json.writeValueAsString(record), record.id(), worker)
                        .update()
                == 1;
    }

    public Optional<T> find(String id) {
        return db.sql("SELECT record FROM " + table + " WHERE id = ?")
                .param(id)
                .query((rs, row) -> json.readValue(rs.getString(1), type))
                .optional();
    }

    public List<T> list() {
        return db
                .sql("SELECT record, id FROM " + table + " ORDER BY created_at DESC, id")
                .query((rs, row) -> readable(rs))
                .list()
                .stream()
                .flatMap(Optional::stream)
                .toList();
    }

    /** A page of records, newest first, optionally of one status. */
    public Page<T> page(String status, PageRequest request) {
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
        // Damaged rows count toward the page and its cursor, so one of them cannot end a listing early.
        List<Keyed<Optional<T>>> rows = db.sql(
                        "SELECT record, created_at, id FROM " + table + where + " ORDER BY created_at DESC, id LIMIT ?")
                .params(params)
                .query((rs, row) -> Keyed.of(readable(rs), rs))
                .list();
        Page<Keyed<Optional<T>>> fetched = Page.of(rows, request.limit(), Keyed::cursor);
        return new Page<>(
                fetched.items().stream().flatMap(row -> row.item().stream()).toList(), fetched.next());
    }

    /**
     * The record in this row, or empty when it cannot be read (cut short, or written by a version this
     * one does not know): a list shows the rest, and the log names the damaged one.
     */
    private Optional<T> readable(ResultSet rs) throws SQLException {
        try {
            return Optional.of(json.readValue(rs.getString("record"), type));
        } catch (RuntimeException damaged) {
            log.warn(
                    "The record {} in {} is damaged and left out of the list: {}",
                    rs.getString("id"),
                    table,
                    damaged.getMessage());
            return Optional.empty();
        }
    }

    /** Records that have not finished: those some replica should coordinate. */
    public List<String> unfinished() {
        return db.sql("SELECT id FROM " + table + " WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at")
                .query(String.class)
                .list();
    }

    /** Takes or renews the lease on a record; true when {@code worker} holds it now. */
    public boolean claim(String id, String worker, Instant now, Duration lease) {
        return db.sql("UPDATE " + table + " SET worker = ?, lease_until = ? WHERE id = ?"
                                + " AND status IN ('QUEUED', 'RUNNING')"
                                + " AND (worker IS NULL OR worker = ? OR lease_until < ?)")
                        .params(worker, time(now.plus(lease)), id, worker, time(now))
                        .update()
                == 1;
    }

    public void requestCancel(String id) {
        db.sql("UPDATE " + table + " SET cancel_requested = TRUE WHERE id = ?")
                .param(id)
                .update();
    }

    public boolean cancelRequested(String id) {
        return db.sql("SELECT cancel_requested FROM " + table + " WHERE id = ?")
                .param(id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
