package dev.backprop.dataset;

import dev.backprop.config.DatasetProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Finds datasets by name and keeps each one in memory once loaded, so that every job on MNIST shares
 * one copy of its 55 MB of pixels.
 */
@Service
public class DatasetCatalog {

    private static final Logger log = LoggerFactory.getLogger(DatasetCatalog.class);

    private final DatasetProperties properties;
    private final Map<String, Dataset> loaded = new ConcurrentHashMap<>();

    DatasetCatalog(DatasetProperties properties) {
        this.properties = properties;
    }

    /** Every dataset a job may name, with its availability. */
    public List<DatasetInfo> list() {
        return Stream.of(BuiltInDataset.values()).map(this::describe).toList();
    }

    public DatasetInfo describe(String name) {
        return describe(builtIn(name));
    }

    private DatasetInfo describe(BuiltInDataset dataset) {
        Dataset data = loaded.get(dataset.id());
        if (data != null) {
            return new DatasetInfo(
                    dataset.id(),
                    dataset.description(),
                    true,
                    true,
                    data.training().count(),
                    data.test().count(),
                    IdxFolder.SIDE,
                    IdxFolder.SIDE,
                    data.classes(),
                    null);
        }
        IdxFolder folder = folder(dataset);
        List<String> missing = folder.missing();
        if (!missing.isEmpty()) {
            // Not at hand: describe it by its published sizes.
            return new DatasetInfo(
                    dataset.id(),
                    dataset.description(),
                    true,
                    false,
                    dataset.trainingSize(),
                    dataset.testSize(),
                    IdxFolder.SIDE,
                    IdxFolder.SIDE,
                    IdxFolder.CLASSES,
                    unavailableMessage(dataset, missing));
        }
        int[] counts = folder.declaredCounts();
        return new DatasetInfo(
                dataset.id(),
                dataset.description(),
                true,
                true,
                counts[0],
                counts[1],
                IdxFolder.SIDE,
                IdxFolder.SIDE,
                IdxFolder.CLASSES,
                null);
    }

    /**
     * Checks, without reading them, that the dataset's files are at hand.
     *
     * @throws UnknownDatasetException     no dataset has this name
     * @throws DatasetUnavailableException its files are missing; the message says what to put where
     */
    public void requireAvailable(String name) {
        BuiltInDataset dataset = builtIn(name);
        if (loaded.containsKey(dataset.id())) {
            return;
        }
        List<String> missing = folder(dataset).missing();
        if (!missing.isEmpty()) {
            throw new DatasetUnavailableException(name, unavailableMessage(dataset, missing));
        }
    }

    /** The dataset's examples, read from disk on first use and kept. */
    public Dataset load(String name) {
        BuiltInDataset dataset = builtIn(name);
        return loaded.computeIfAbsent(dataset.id(), id -> {
            requireAvailable(id);
            long started = System.nanoTime();
            Dataset data = folder(dataset).load(id);
            // Index the non-zero pixels now, once, rather than inside the first job's first epoch.
            data.training().sparse();
            data.test().sparse();
            log.info(
                    "Loaded dataset {}: {} training and {} test images in {} ms",
                    id,
                    data.training().count(),
                    data.test().count(),
                    (System.nanoTime() - started) / 1_000_000);
            return data;
        });
    }

    private BuiltInDataset builtIn(String name) {
        return BuiltInDataset.byId(name).orElseThrow(() -> new UnknownDatasetException(name));
    }

    private IdxFolder folder(BuiltInDataset dataset) {
        return new IdxFolder(properties.dir().resolve(dataset.id()));
    }

    private String unavailableMessage(BuiltInDataset dataset, List<String> missing) {
        Path dir = properties.dir().resolve(dataset.id()).toAbsolutePath().normalize();
        return "dataset '" + dataset.id() + "' is not available: put " + String.join(", ", missing)
                + " (each raw or .gz) into " + dir;
    }
}
