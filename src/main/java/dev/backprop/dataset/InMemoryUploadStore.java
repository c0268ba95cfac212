package dev.backprop.dataset;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps uploads in the JVM only ({@code backprop.storage.type=memory}). */
public class InMemoryUploadStore implements UploadStore {

    private record Entry(UploadedDataset info, Dataset data) {}

    private final Map<String, Entry> uploads = new ConcurrentHashMap<>();

    @Override
    public void save(UploadedDataset info, LabeledImages training, LabeledImages test) {
        Dataset data = new Dataset(info.id(), training.toExamples(info.classes()), test.toExamples(info.classes()));
        uploads.put(info.id(), new Entry(info, data));
    }

    @Override
    public Optional<UploadedDataset> find(String id) {
        return Optional.ofNullable(uploads.get(id)).map(Entry::info);
    }

    @Override
    public List<UploadedDataset> list() {
        return uploads.values().stream()
                .map(Entry::info)
                .sorted(Comparator.comparing(UploadedDataset::createdAt)
                        .reversed()
                        .thenComparing(UploadedDataset::id))
                .toList();
    }

    @Override
    public Dataset load(String id) {
        Entry entry = uploads.get(id);
        if (entry == null) {
            throw new UnknownDatasetException(id);
        }
        return entry.data();
    }

    @Override
    public boolean delete(String id) {
        return uploads.remove(id) != null;
    }
}
