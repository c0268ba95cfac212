package dev.backprop.model;

import dev.backprop.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every model as one {@link ModelFile} under {@code <storage>/models}, written atomically, and
 * in memory for prediction. At start-up it loads every model file; one that cannot be read is moved
 * to {@code models/corrupt/} and reported, and the service starts without it.
 */
public class DiskModelStore implements ModelStore {

    private static final Logger log = LoggerFactory.getLogger(DiskModelStore.class);
    private static final String EXTENSION = ".model";
    /** Ids are generated UUIDs; anything else never reaches the file system. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    private final Path dir;
    private final ModelFile format;
    private final InMemoryModelStore cache = new InMemoryModelStore();

    public DiskModelStore(Path dir, ModelFile format) {
        this.dir = dir;
        this.format = format;
        loadAll();
    }

    private void loadAll() {
        try {
            Files.createDirectories(dir);
            AtomicFiles.deleteLeftovers(dir);
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(EXTENSION))
                        .sorted()
                        .toList()) {
                    load(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model store at " + dir, e);
        }
        log.info(
                "Model store at {}: {} models",
                dir.toAbsolutePath(),
                cache.list().size());
    }

    private void load(Path file) throws IOException {
        try {
            StoredModel model = format.read(Files.readAllBytes(file));
            String expected = file.getFileName().toString().replace(EXTENSION, "");
            if (!model.id().equals(expected)) {
                throw new IOException("holds model " + model.id() + " under the name " + expected);
            }
            cache.save(model);
        } catch (IOException | RuntimeException e) {
            Path corrupt = dir.resolve("corrupt");
            Files.createDirectories(corrupt);
            Path aside = corrupt.resolve(file.getFileName());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            log.error("Model file {} is unreadable ({}); moved it to {}", file.getFileName(), e.getMessage(), aside);
        }
    }

    @Override
    public void save(StoredModel model) {
        try {
            AtomicFiles.write(file(model.id()), format.write(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + model.id(), e);
        }
        cache.save(model);
    }

    @Override
    public Optional<StoredModel> find(String id) {
        return SAFE_ID.matcher(id).matches() ? cache.find(id) : Optional.empty();
    }

    @Override
    public List<ModelInfo> list() {
        return cache.list();
    }

    @Override
    public boolean delete(String id) {
        if (!SAFE_ID.matcher(id).matches() || cache.find(id).isEmpty()) {
            return false;
        }
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete model " + id, e);
        }
        return cache.delete(id);
    }

    private Path file(String id) {
        return dir.resolve(id + EXTENSION);
    }
}
