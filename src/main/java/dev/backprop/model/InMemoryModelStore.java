package dev.backprop.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps models in the JVM only ({@code backprop.storage.type=memory}); the disk store builds on it. */
public class InMemoryModelStore implements ModelStore {

    private final Map<String, StoredModel> models = new ConcurrentHashMap<>();

    @Override
    public void save(StoredModel model) {
        models.put(model.id(), model);
    }

    @Override
    public Optional<StoredModel> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    @Override
    public List<ModelInfo> list() {
        return models.values().stream()
                .map(StoredModel::info)
                .sorted(Comparator.comparing(ModelInfo::createdAt).reversed().thenComparing(ModelInfo::id))
                .toList();
    }

    @Override
    public boolean delete(String id) {
        return models.remove(id) != null;
    }
}
