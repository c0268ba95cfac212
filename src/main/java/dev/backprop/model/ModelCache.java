package dev.backprop.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The models this replica has loaded for prediction, the most recently used first, at most
 * {@code capacity} of them. An entry is trusted for {@code recheck}; after that its record is looked
 * up again, so that a model deleted at another replica stops answering here within that time.
 */
final class ModelCache {

    private record Entry(StoredModel model, long checkedAt) {}

    private final int capacity;
    private final long recheckNanos;
    private final Map<String, Entry> entries;

    ModelCache(int capacity, Duration recheck) {
        this.capacity = capacity;
        this.recheckNanos = recheck.toNanos();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > ModelCache.this.capacity;
            }
        };
    }

    /** The cached model, whether its record was checked recently or not. */
    synchronized Optional<StoredModel> get(String id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::model);
    }

    synchronized boolean fresh(String id) {
        Entry entry = entries.get(id);
        return entry != null && System.nanoTime() - entry.checkedAt() < recheckNanos;
    }

    synchronized void put(StoredModel model) {
        entries.put(model.id(), new Entry(model, System.nanoTime()));
    }

    synchronized void evict(String id) {
        entries.remove(id);
    }
}
