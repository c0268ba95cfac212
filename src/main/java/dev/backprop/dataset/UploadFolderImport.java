package dev.backprop.dataset;

import dev.backprop.blob.BlobStore;
import dev.backprop.blob.StorageProperties;
import dev.backprop.storage.RecordFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * At start-up, checks the upload files under {@code <storage>/uploads} as the first release did (one
 * whose header cannot be read goes to {@code uploads/corrupt/}) and records those the database does
 * not know yet, copying them into the blob store when that is not this folder. With the embedded
 * database, an upload whose file was set aside is forgotten, as before.
 */
@Component
class UploadFolderImport implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(UploadFolderImport.class);

    private final StorageProperties storage;
    private final SharedUploadStore store;
    private final BlobStore blobs;
    private final DatasetFile format;
    private final boolean embedded;

    UploadFolderImport(
            StorageProperties storage, UploadStore store, BlobStore blobs, JsonMapper json, Environment environment) {
        this.storage = storage;
        this.store = (SharedUploadStore) store;
        this.blobs = blobs;
        this.format = new DatasetFile(json);
        this.embedded = !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    @Override
    public void afterPropertiesSet() {
        Path dir = storage.dir().resolve("uploads");
        boolean sameFolder = blobs.isFolder(storage.dir());
        // The folder is the blob store's own: made here, so that it is there from the first start.
        if (!storage.onDisk() || (!sameFolder && !Files.isDirectory(dir))) {
            return;
        }
        RecordFolder folder = new RecordFolder(dir, ".dataset", "dataset");
        List<UploadedDataset> readable = folder.readAll(format::verify, UploadedDataset::id);
        Set<String> recorded = new HashSet<>(store.recordedIds());
        Set<String> present = new HashSet<>();
        int imported = 0;
        for (UploadedDataset info : readable) {
            present.add(info.id());
            if (!recorded.contains(info.id())) {
                if (!sameFolder) {
                    blobs.put(SharedUploadStore.key(info.id()), bytes(folder.file(info.id())));
                }
                store.insertRecord(info);
                imported++;
            }
        }
        if (sameFolder && embedded) {
            recorded.stream().filter(id -> !present.contains(id)).forEach(id -> {
                log.error("Uploaded dataset {} has no readable file any more; it is no longer listed", id);
                store.deleteRecord(id);
            });
        }
        if (imported > 0) {
            log.info(
                    "Recorded {} uploaded dataset(s) of an earlier release found in {}",
                    imported,
                    dir.toAbsolutePath());
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
