package dev.backprop.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Losing the embedded database file must be loud. A marker beside it says the store has had one; when
 * the marker is there and the database is gone or empty, the service names the files whose records it
 * cannot find and refuses to start, unless {@code backprop.storage.rebuild-records=true} tells it to
 * record again what the files hold (models; jobs, sweeps and aliases are only in the database).
 * A store of the first release (files, never a database) has no marker and is imported as before.
 */
final class LostRecordsCheck {

    static final String MARKER = "records.created";
    static final String DATABASE = "backprop.mv.db";
    private static final int LISTED = 20;
    private static final Logger log = LoggerFactory.getLogger(LostRecordsCheck.class);

    private LostRecordsCheck() {}

    /** Checks the store at {@code dir} before its database is opened; then marks it as having one. */
    static void check(Path dir, boolean rebuild) {
        Path database = dir.resolve(DATABASE);
        Path marker = dir.resolve(MARKER);
        try {
            boolean lost = Files.exists(marker) && (!Files.exists(database) || Files.size(database) == 0);
            if (lost) {
                List<String> files = filesWithoutRecords(dir);
                String named = files.isEmpty()
                        ? "no model or checkpoint files"
                        : files.size() + " file(s) whose records are gone: "
                                + String.join(", ", files.subList(0, Math.min(LISTED, files.size())))
                                + (files.size() > LISTED ? ", ..." : "");
                if (!rebuild) {
                    throw new IllegalStateException("The database of records " + database + " is missing or empty,"
                            + " although this store had one: every job, sweep, alias and model record is lost; "
                            + named + ". Restore the file from a backup, or start with"
                            + " --backprop.storage.rebuild-records=true to record the models again from their files"
                            + " (jobs, sweeps and aliases cannot be rebuilt)");
                }
                log.warn("The database of records was lost; rebuilding from the files as asked: {}", named);
                Files.deleteIfExists(database);
            }
            if (!Files.exists(marker)) {
                Files.createDirectories(dir);
                Files.writeString(marker, "This store keeps its records in " + DATABASE + "; do not delete it.\n");
            }
        } catch (IOException e) {
            if (!Files.isWritable(dir)) {
                return; // a read-only store cannot be marked; it has nothing new to lose either
            }
            throw new UncheckedIOException("cannot check the store's database of records", e);
        }
    }

    private static List<String> filesWithoutRecords(Path dir) throws IOException {
        List<String> files = new java.util.ArrayList<>();
        for (String folder : List.of("models", "checkpoints")) {
            Path sub = dir.resolve(folder);
            if (Files.isDirectory(sub)) {
                try (Stream<Path> each = Files.list(sub)) {
                    each.filter(Files::isRegularFile)
                            .map(file -> folder + "/" + file.getFileName())
                            .sorted()
                            .forEach(files::add);
                }
            }
        }
        return files;
    }
}
