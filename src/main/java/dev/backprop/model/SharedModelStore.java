package dev.backprop.model;

import dev.backprop.blob.BlobStore;
import dev.backprop.paging.Cursor;
import dev.backprop.paging.Keyed;
import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models as every replica sees them: the description in the {@code models} table, the network in the
 * blob store as one {@link ModelFile} ({@code models/<id>.model}), loaded on first use into a bounded
 * {@link ModelCache}. The file is written before the row, so a listed model can always be loaded.
 */
public class SharedModelStore implements ModelStore {

    private static final Logger log = LoggerFactory.getLogger(SharedModelStore.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    static final int RECORD_VERSION = 1;

    private final JdbcClient db;
    private final BlobStore blobs;
    private final ModelFile format;
    private final JsonMapper json;
    private final ModelCache cache;
    private final ModelNames names;
    private final TransactionTemplate transactions;

    SharedModelStore(
            JdbcClient db,
            TransactionTemplate transactions,
            BlobStore blobs,
            ModelFile format,
            JsonMapper json,
            ModelCache cache,
            ModelNames names) {
        this.db = db;
        this.transactions = transactions;
        this.blobs = blobs;
        this.format = format;
        this.json = json;
        this.cache = cache;
        this.names = names;
    }

    static String key(String id) {
        return "models/" + id + ".model";
    }

    @Override
    public StoredModel save(StoredModel model) {
        blobs.put(key(model.id()), format.write(model));
        ModelInfo info;
        try {
            info = insertRecord(model.info());
        } catch (RuntimeException e) {
            // No file without its record: it would turn up as a model at the next start.
            blobs.delete(key(model.id()));
            throw e;
        }
        StoredModel registered = new StoredModel(info, model.network(), model.classifier());
        cache.put(registered);
        return registered;
    }

    /**
     * Records a model whose file is already in the blob store, as the next version of its name; the
     * record, not the file, holds the version.
     */
    ModelInfo insertRecord(ModelInfo info) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    ModelInfo registered =
                            info.name() == null ? info : info.withVersion(names.takeVersion(info.name()));
                    db.sql("INSERT INTO models (id, record_version, name, job_id, created_at, info, version)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                            .params(
                                    registered.id(),
                                    RECORD_VERSION,
                                    registered.name(),
                                    registered.jobId(),
                                    time(registered.createdAt()),
                                    json.writeValueAsString(registered),
                                    registered.version())
                            .update();
                    return registered;
                });
            } catch (DuplicateKeyException | TransientDataAccessException raced) {
                // A new name's counter made by another import at the same moment, or a wait for it too long.
                if (attempt == 10 || recorded(info.id())) {
                    throw raced;
                }
            }
        }
    }

    boolean recorded(String id) {
        return db.sql("SELECT COUNT(*) FROM models WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** A model by its id, or by a name or {@code name@alias} the registry resolves. */
    @Override
    public Optional<StoredModel> find(String reference) {
        String id = SAFE_ID.matcher(reference).matches() && (cache.fresh(reference) || recorded(reference))
                ? reference
                : names.resolve(reference).orElse(null);
        if (id == null) {
            return Optional.empty();
        }
        if (cache.fresh(id)) {
            return cache.get(id);
        }
        if (!recorded(id)) {
            cache.evict(id);
            return Optional.empty();
        }
        Optional<StoredModel> cached = cache.get(id);
        if (cached.isPresent()) {
            cache.put(cached.get()); // still recorded: trusted for another while
            return cached;
        }
        return load(id);
    }

    private Optional<StoredModel> load(String id) {
        // Loaded for a client waiting on it: a bucket that does not answer is a 503 in seconds.
        Optional<byte[]> file = blobs.getPromptly(key(id));
        if (file.isEmpty()) {
            log.error("Model {} is recorded but its file {} is missing", id, key(id));
            return Optional.empty();
        }
        try {
            StoredModel read = format.read(file.get());
            StoredModel model =
                    new StoredModel(read.info().withVersion(versionOf(id)), read.network(), read.classifier());
            cache.put(model);
            return Optional.of(model);
        } catch (IOException e) {
            log.error("Model file {} is unreadable: {}", key(id), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Page<ModelInfo> list(PageRequest page) {
        Cursor after = page.after();
        List<Object> params = new ArrayList<>(after == null ? List.of() : List.of(after.sqlParameters()));
        params.add(page.limit() + 1);
        List<Keyed<ModelInfo>> rows = db.sql("SELECT info, created_at, id FROM models"
                        + (after == null ? "" : " WHERE " + Cursor.SQL_AFTER)
                        + " ORDER BY created_at DESC, id LIMIT ?")
                .params(params)
                .query((rs, row) -> Keyed.of(json.readValue(rs.getString(1), ModelInfo.class), rs))
                .list();
        return Page.of(rows, page.limit(), Keyed::cursor).map(Keyed::item);
    }

    @Override
    public Optional<ModelInfo> findByJob(String jobId) {
        return db
                .sql("SELECT info FROM models WHERE job_id = ? ORDER BY created_at, id")
                .param(jobId)
                .query((rs, row) -> json.readValue(rs.getString(1), ModelInfo.class))
                .list()
                .stream()
                .findFirst();
    }

    @Override
    public boolean delete(String id) {
        if (!SAFE_ID.matcher(id).matches()) {
            return false;
        }
        // Under the name's lock (see ModelNames.setAlias); the database drops the version's aliases with
        // it (a foreign key, on delete cascade).
        boolean deleted = Boolean.TRUE.equals(transactions.execute(status -> {
            db.sql("SELECT name FROM models WHERE id = ?")
                    .param(id)
                    .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                    .optional()
                    .flatMap(name -> name)
                    .ifPresent(names::lockName);
            return db.sql("DELETE FROM models WHERE id = ?").param(id).update() > 0;
        }));
        cache.evict(id);
        if (deleted) {
            blobs.delete(key(id));
        }
        return deleted;
    }

    /** Forgets the record of a model whose file was set aside. */
    void deleteRecord(String id) {
        db.sql("DELETE FROM models WHERE id = ?").param(id).update();
        cache.evict(id);
    }

    private Integer versionOf(String id) {
        return db.sql("SELECT version FROM models WHERE id = ?")
                .param(id)
                .query((rs, row) -> (Integer) rs.getObject(1))
                .optional()
                .orElse(null);
    }

    List<String> recordedIds() {
        return db.sql("SELECT id FROM models").query(String.class).list();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
