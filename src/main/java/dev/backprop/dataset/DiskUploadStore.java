package dev.backprop.dataset;

import dev.backprop.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every upload as one {@link DatasetFile} under {@code <storage>/uploads}, written atomically.
 * Only the metadata stays in memory; the images are read when a job first needs them. At start-up a
 * file that cannot be read is moved to {@code uploads/corrupt/} and reported, and the service starts
 * without it.
 */
public class DiskUploadStore implements UploadStore {

    private static final Logger log = LoggerFactory.getLogger(DiskUploadStore.class);
    private static final String EXTENSION = ".dataset";
    /** Ids are generated UUIDs; anything else never reaches the file system. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    private final Path dir;
    private final DatasetFile format;
    private final Map<String, UploadedDataset> uploads = new ConcurrentHashMap<>();

    public DiskUploadStore(Path dir, JsonMapper json) {
        this.dir = dir;
        this.format = new DatasetFile(json);
        readAll();
    }

    private void readAll() {
        try {
            Files.createDirectories(dir);
            AtomicFiles.deleteLeftovers(dir);
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(EXTENSION))
                        .sorted()
                        .toList()) {
                    readInfo(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dataset store at " + dir, e);
        }
        log.info("Dataset store at {}: {} uploaded datasets", dir.toAbsolutePath(), uploads.size());
    }

    private void readInfo(Path file) throws IOException {
        try {
            UploadedDataset info = format.readInfo(file);
            String expected = file.getFileName().toString().replace(EXTENSION, "");
            if (!info.id().equals(expected)) {
                throw new IOException("holds dataset " + info.id() + " under the name " + expected);
            }
            uploads.put(info.id(), info);
        } catch (IOException | RuntimeException e) {
            setAside(file, e);
        }
    }

    private void setAside(Path file, Exception cause) throws IOException {
        Path corrupt = dir.resolve("corrupt");
        Files.createDirectories(corrupt);
        Path aside = corrupt.resolve(file.getFileName());
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        log.error("Dataset file {} is unreadable ({}); moved it to {}", file.getFileName(), cause.getMessage(), aside);
    }

    @Override
    public void save(UploadedDataset info, LabeledImages training, LabeledImages test) {
        try {
            AtomicFiles.write(file(info.id()), format.write(info, training, test));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dataset " + info.id(), e);
        }
        uploads.put(info.id(), info);
    }

    @Override
    public Optional<UploadedDataset> find(String id) {
        return SAFE_ID.matcher(id).matches() ? Optional.ofNullable(uploads.get(id)) : Optional.empty();
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
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete dataset " + id, e);
        }
        return uploads.remove(id) != null;
    }

    private Path file(String id) {
        return dir.resolve(id + EXTENSION);
    }
}
