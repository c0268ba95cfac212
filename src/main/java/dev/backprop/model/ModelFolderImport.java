package dev.backprop.model;

import dev.backprop.blob.BlobStore;
import dev.backprop.blob.StorageProperties;
import dev.backprop.storage.RecordFolder;
import java.io.IOException;
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

/**
 * At start-up, checks the model files under {@code <storage>/models} as the first release did (one
 * that cannot be read goes to {@code models/corrupt/}) and records those the database does not know
 * yet: the models of an earlier release, copied into the blob store when that is not this folder.
 * With the embedded database, a model whose file was set aside is forgotten, as before.
 */
@Component
class ModelFolderImport implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ModelFolderImport.class);

    private final StorageProperties storage;
    private final SharedModelStore store;
    private final BlobStore blobs;
    private final ModelFile format;
    private final boolean embedded;

    ModelFolderImport(
            StorageProperties storage, ModelStore store, BlobStore blobs, ModelFile format, Environment environment) {
        this.storage = storage;
        this.store = (SharedModelStore) store;
        this.blobs = blobs;
        this.format = format;
        this.embedded = !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    @Override
    public void afterPropertiesSet() {
        Path dir = storage.dir().resolve("models");
        boolean sameFolder = blobs.isFolder(storage.dir());
        // The folder is the blob store's own: made here, so that it is there from the first start.
        if (!storage.onDisk() || (!sameFolder && !Files.isDirectory(dir))) {
            return;
        }
        // Only each file's description is kept: the networks are loaded on first use into the bounded
        // cache, so start-up memory does not grow with the number of stored models.
        List<ModelInfo> readable = new RecordFolder(dir, ".model", "model")
                .readAll(file -> format.read(Files.readAllBytes(file)).info(), ModelInfo::id);
        Set<String> recorded = new HashSet<>(store.recordedIds());
        Set<String> present = new HashSet<>();
        int imported = 0;
        for (ModelInfo model : readable) {
            present.add(model.id());
            if (!recorded.contains(model.id()) && importable(model)) {
                try {
                    if (!sameFolder) {
                        blobs.put(
                                SharedModelStore.key(model.id()),
                                Files.readAllBytes(dir.resolve(model.id() + ".model")));
                    }
                    store.insertRecord(model);
                    imported++;
                } catch (IOException | RuntimeException e) {
                    log.error("Model file {} was not recorded and is not listed: {}", model.id(), e.getMessage());
                }
            }
        }
        if (sameFolder && embedded) {
            recorded.stream().filter(id -> !present.contains(id)).forEach(id -> {
                log.error("Model {} has no readable file any more; it is no longer listed", id);
                store.deleteRecord(id);
            });
        }
        if (imported > 0) {
            log.info("Recorded {} model(s) of an earlier release found in {}", imported, dir.toAbsolutePath());
        }
    }

    /** A file whose name the registry would refuse is reported and left unlisted, never fatal. */
    private static boolean importable(ModelInfo model) {
        if (model.name() == null) {
            return true;
        }
        return ModelRegistry.nameProblem(model.name())
                .map(problem -> {
                    log.error("Model file {} is not listed: the name it holds {}", model.id(), problem);
                    return false;
                })
                .orElse(true);
    }
}
