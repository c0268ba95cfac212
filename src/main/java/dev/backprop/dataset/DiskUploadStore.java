package dev.backprop.dataset;

import dev.backprop.storage.RecordFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every upload as one {@link DatasetFile} under {@code <storage>/uploads}, written atomically.
 * Only the metadata stays in memory; the images are read when a job first needs them. At start-up a
 * file that cannot be read is moved to {@code uploads/corrupt/} and reported, and the service starts
 * without it.
 */
public class DiskUploadStore implements UploadStore {

    private final RecordFolder folder;
    private final DatasetFile format;
    private final Map<String, UploadedDataset> uploads = new ConcurrentHashMap<>();

    public DiskUploadStore(Path dir, JsonMapper json) {
        this.folder = new RecordFolder(dir, ".dataset", "dataset");
        this.format = new DatasetFile(json);
        folder.readAll(format::readInfo, UploadedDataset::id).forEach(info -> uploads.put(info.id(), info));
    }

    @Override
    public void save(UploadedDataset info, LabeledImages training, LabeledImages test) {
        folder.write(info.id(), format.write(info, training, test));
        uploads.put(info.id(), info);
    }

    @Override
    public Optional<UploadedDataset> find(String id) {
        return RecordFolder.isSafeId(id) ? Optional.ofNullable(uploads.get(id)) : Optional.empty();
    }

    @Override
    public List<UploadedDataset> list() {
        return uploads.values().stream()
                .sorted(Comparator.comparing(UploadedDataset::createdAt)
                        .reversed()
                        .thenComparing(UploadedDataset::id))
                .toList();
    }

    @Override
    public Dataset load(String id) {
        UploadedDataset info = find(id).orElseThrow(() -> new UnknownDatasetException(id));
        DatasetFile.Contents contents;
        try {
            contents = format.read(file(id));
        } catch (IOException e) {
            // Damaged since start-up: say so, in words a job's error can carry.
            throw new InvalidDatasetException(
                    "dataset " + id, "its stored file " + file(id) + " is unreadable (" + e.getMessage() + ")", e);
        }
        return new Dataset(
                id,
                contents.training().toExamples(info.classes()),
                contents.test().toExamples(info.classes()));
    }

    @Override
    public boolean delete(String id) {
        if (find(id).isEmpty()) {
            return false;
        }
        folder.delete(id);
        return uploads.remove(id) != null;
    }

    private Path file(String id) {
        return folder.file(id);
    }
}
