package dev.backprop.dataset;

import dev.backprop.blob.BlobStore;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads as every replica sees them: the description in the {@code uploads} table, the images in the
 * blob store as one {@link DatasetFile} ({@code uploads/<id>.dataset}), read when a job needs them.
 * The file is written before the row, so a listed upload can always be read.
 */
class SharedUploadStore implements UploadStore {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    static final int RECORD_VERSION = 1;

    private final JdbcClient db;
    private final BlobStore blobs;
    private final DatasetFile format;
    private final JsonMapper json;

    SharedUploadStore(JdbcClient db, BlobStore blobs, JsonMapper json) {
        this.db = db;
        this.blobs = blobs;
        this.format = new DatasetFile(json);
        this.json = json;
    }

    static String key(String id) {
        return "uploads/" + id + ".dataset";
    }

    @Override
    public void save(UploadedDataset info, LabeledImages training, LabeledImages test) {
        blobs.put(key(info.id()), format.write(info, training, test));
        insertRecord(info);
    }

    void insertRecord(UploadedDataset info) {
        db.sql("INSERT INTO uploads (id, record_version, created_at, info) VALUES (?, ?, ?, ?)")
                .params(
                        info.id(),
                        RECORD_VERSION,
                        info.createdAt().atOffset(ZoneOffset.UTC),
                        json.writeValueAsString(info))
                .update();
    }

    @Override
    public Optional<UploadedDataset> find(String id) {
        if (!SAFE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return db.sql("SELECT info FROM uploads WHERE id = ?")
                .param(id)
                .query((rs, row) -> json.readValue(rs.getString(1), UploadedDataset.class))
                .optional();
    }

    @Override
    public List<UploadedDataset> list() {
        return db.sql("SELECT info FROM uploads ORDER BY created_at DESC, id")
                .query((rs, row) -> json.readValue(rs.getString(1), UploadedDataset.class))
                .list();
    }

    List<String> recordedIds() {
        return db.sql("SELECT id FROM uploads").query(String.class).list();
    }

    @Override
    public Dataset load(String id) {
        UploadedDataset info = find(id).orElseThrow(() -> new UnknownDatasetException(id));
        DatasetFile.Contents contents;
        try {
            byte[] file = blobs.get(key(id)).orElseThrow(() -> new IOException("its file " + key(id) + " is missing"));
            contents = format.read(file);
        } catch (IOException e) {
            // Damaged since it was stored: say so, in words a job's error can carry.
            throw new InvalidDatasetException(
                    "dataset " + id, "its stored file " + key(id) + " is unreadable (" + e.getMessage() + ")", e);
        }
        return new Dataset(
                id,
                contents.training().toExamples(info.classes()),
                contents.test().toExamples(info.classes()));
    }

    @Override
    public boolean delete(String id) {
        if (!SAFE_ID.matcher(id).matches()) {
            return false;
        }
        boolean deleted = db.sql("DELETE FROM uploads WHERE id = ?").param(id).update() > 0;
        if (deleted) {
            blobs.delete(key(id));
        }
        return deleted;
    }

    void deleteRecord(String id) {
        db.sql("DELETE FROM uploads WHERE id = ?").param(id).update();
    }
}
