package dev.backprop.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of records, one {@code <id><extension>} file each, as the disk stores keep them: written
 * atomically, read back at start-up, and a file that cannot be read (or holds another id than its name)
 * moved to {@code corrupt/} and reported, so that one damaged file never keeps the service from starting.
 * Only ids made of letters, digits and dashes ever reach the file system.
 */
public final class RecordFolder {

    private static final Logger log = LoggerFactory.getLogger(RecordFolder.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    private final Path dir;
    private final String extension;
    private final String what;

    /** Reads one record from its file. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /**
     * @param what names the records in logs and errors ("model", "dataset")
     */
    public RecordFolder(Path dir, String extension, String what) {
        this.dir = dir;
        this.extension = extension;
        this.what = what;
        try {
            Files.createDirectories(dir);
            AtomicFiles.deleteLeftovers(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the " + what + " store at " + dir, e);
        }
    }

    /** Whether {@code id} could name a record; anything else is simply not found. */
    public static boolean isSafeId(String id) {
        return SAFE_ID.matcher(id).matches();
    }

    /** Every readable record, in file-name order; unreadable ones are set aside. */
    public <T> List<T> readAll(Reader<T> reader, java.util.function.Function<T, String> id) {
        List<T> records = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(extension))
                    .sorted()
                    .toList()) {
                try {
                    T record = reader.read(file);
                    String expected = file.getFileName().toString().replace(extension, "");
                    if (!id.apply(record).equals(expected)) {
                        throw new IOException("holds " + what + " " + id.apply(record) + " under the name " + expected);
                    }
                    records.add(record);
                } catch (IOException | RuntimeException e) {
                    setAside(file, e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what + " store at " + dir, e);
        }
        log.info("{} store at {}: {} {}s", capitalised(), dir.toAbsolutePath(), records.size(), what);
        return records;
    }

    private void setAside(Path file, Exception cause) throws IOException {
        Path corrupt = dir.resolve("corrupt");
        Files.createDirectories(corrupt);
        Path aside = corrupt.resolve(file.getFileName());
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        log.error(
                "{} file {} is unreadable ({}); moved it to {}",
                capitalised(),
                file.getFileName(),
                cause.getMessage(),
                aside);
    }

    public void write(String id, byte[] content) {
        try {
            AtomicFiles.write(file(id), content);
        } catch (IOException e) {
            throw new StoreWriteException("cannot write " + what + " " + id, e);
        }
    }

    public void delete(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new StoreWriteException("cannot delete " + what + " " + id, e);
        }
    }

    public Path file(String id) {
        if (!isSafeId(id)) {
            // Never a path from an id that is not one of ours: "../../x" stays out of the file system.
            throw new IllegalArgumentException("not a " + what + " id: " + id.substring(0, Math.min(id.length(), 40)));
        }
        return dir.resolve(id + extension);
    }

    private String capitalised() {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
