package dev.backprop.dataset;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets kept loaded, bounded by bytes: when one more would pass the limit, the least recently
 * used that no running job holds is forgotten (and read again when next needed). A dataset larger than
 * the limit on its own is still kept while it is used, so a job never fails for the cache's sake.
 */
final class DatasetCache {

    private static final Logger log = LoggerFactory.getLogger(DatasetCache.class);

    private final long limitBytes;
    private final LinkedHashMap<String, Dataset> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> holds = new HashMap<>();
    private long bytes;

    DatasetCache(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** The memory a dataset takes: its pixels, and about as much again for their sparse index. */
    static long bytes(Dataset data) {
        return 2L * ((long) data.training().count() + data.test().count()) * data.features();
    }

    synchronized Dataset get(String name) {
        return loaded.get(name);
    }

    synchronized boolean contains(String name) {
        return loaded.containsKey(name);
    }

    synchronized void put(String name, Dataset data) {
        Dataset previous = loaded.put(name, data);
        if (previous != null) {
            bytes -= bytes(previous);
        }
        bytes += bytes(data);
        evictBeyondLimit(name);
    }

    synchronized void remove(String name) {
        Dataset removed = loaded.remove(name);
        if (removed != null) {
            bytes -= bytes(removed);
        }
    }

    /** A running job uses the dataset: it is not evicted until {@link #release}. */
    synchronized void hold(String name) {
        holds.merge(name, 1, Integer::sum);
    }

    synchronized void release(String name) {
        holds.computeIfPresent(name, (key, count) -> count == 1 ? null : count - 1);
        evictBeyondLimit(null);
    }

    synchronized long bytes() {
        return bytes;
    }

    private void evictBeyondLimit(String keep) {
        Iterator<Map.Entry<String, Dataset>> oldestFirst = loaded.entrySet().iterator();
        while (bytes > limitBytes && oldestFirst.hasNext()) {
            Map.Entry<String, Dataset> entry = oldestFirst.next();
            if (entry.getKey().equals(keep) || holds.containsKey(entry.getKey())) {
                continue;
            }
            bytes -= bytes(entry.getValue());
            oldestFirst.remove();
            log.info(
                    "Dataset {} is no longer kept loaded (the cache holds {} MB at most)",
                    entry.getKey(),
                    limitBytes >> 20);
        }
    }
}
