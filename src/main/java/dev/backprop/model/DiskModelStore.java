package dev.backprop.model;

import dev.backprop.storage.RecordFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Keeps every model as one {@link ModelFile} under {@code <storage>/models}, written atomically, and
 * in memory for prediction. At start-up it loads every model file; one that cannot be read is moved
 * to {@code models/corrupt/} and reported, and the service starts without it.
 */
public class DiskModelStore implements ModelStore {

    private final RecordFolder folder;
    private final ModelFile format;
    private final InMemoryModelStore cache = new InMemoryModelStore();

    public DiskModelStore(Path dir, ModelFile format) {
        this.folder = new RecordFolder(dir, ".model", "model");
        this.format = format;
        folder.readAll(file -> format.read(Files.readAllBytes(file)), StoredModel::id)
                .forEach(cache::save);
    }

    @Override
    public void save(StoredModel model) {
        folder.write(model.id(), format.write(model));
        cache.save(model);
    }

    @Override
    public Optional<StoredModel> find(String id) {
        return RecordFolder.isSafeId(id) ? cache.find(id) : Optional.empty();
    }

    @Override
    public List<ModelInfo> list() {
        return cache.list();
    }

    @Override
    public boolean delete(String id) {
        if (find(id).isEmpty()) {
            return false;
        }
        folder.delete(id);
        return cache.delete(id);
    }
}
