package dev.backprop.model;

import dev.backprop.blob.BlobStore;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    SharedModelStore(JdbcClient db, BlobStore blobs, ModelFile format, JsonMapper json, ModelCache cache) {
        this.db = db;
        this.blobs = blobs;
        this.format = format;
        this.json = json;
        this.cache = cache;
    }

    static String key(String id) {
        return "models/" + id + ".model";
    }

    @Override
    public void save(StoredModel model) {
        blobs.put(key(model.id()), format.write(model));
        insertRecord(model.info());
        cache.put(model);
    }

    /** Records a model whose file is already in the blob store. */
    void insertRecord(ModelInfo info) {
        db.sql("INSERT INTO models (id, record_version, name, job_id, created_at, info) VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        info.id(),
                        RECORD_VERSION,
                        info.name(),
                        info.jobId(),
                        time(info.createdAt()),
                        json.writeValueAsString(info))
                .update();
    }

    boolean recorded(String id) {
        return db.sql("SELECT COUNT(*) FROM models WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public Optional<StoredModel> find(String id) {
        if (!SAFE_ID.matcher(id).matches()) {
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
        Optional<byte[]> file = blobs.get(key(id));
        if (file.isEmpty()) {
            log.error("Model {} is recorded but its file {} is missing", id, key(id));
            return Optional.empty();
        }
        try {
            StoredModel model = format.read(file.get());
            cache.put(model);
            return Optional.of(model);
        } catch (IOException e) {
            log.error("Model file {} is unreadable: {}", key(id), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<ModelInfo> list() {
        return db.sql("SELECT info FROM models ORDER BY created_at DESC, id")
                .query((rs, row) -> json.readValue(rs.getString(1), ModelInfo.class))
                .list();
    }

    @Override
    public boolean delete(String id) {
        if (!SAFE_ID.matcher(id).matches()) {
            return false;
        }
        boolean deleted = db.sql("DELETE FROM models WHERE id = ?").param(id).update() > 0;
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

    List<String> recordedIds() {
        return db.sql("SELECT id FROM models").query(String.class).list();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
