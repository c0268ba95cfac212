package dev.backprop.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;

/**
 * The store could not be written: a full or read-only disk, a folder gone. Its message names what
 * was being written and the operating system's reason ("No space left on device"), never a path.
 */
public class StoreWriteException extends UncheckedIOException {

    /** @param action what failed, as "cannot write model 3f2b…" */
    public StoreWriteException(String action, IOException cause) {
        super(action + ": " + reason(cause), cause);
    }

    /** The operating system's words for the failure, without the file's path. */
    public static String reason(IOException cause) {
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (cause instanceof java.nio.file.NoSuchFileException
                || cause instanceof java.nio.file.NotDirectoryException) {
            return "its folder is missing";
        }
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String message = cause.getMessage();
        return message == null || message.contains("/") ? cause.getClass().getSimpleName() : message;
    }

    /**
     * The store write failure behind {@code failure}, or null if there is none: a blob or file that
     * could not be written, or a database that refuses every write (H2 on a read-only volume, a
     * PostgreSQL replica in read-only mode).
     */
    public static StoreWriteException causing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreWriteException write) {
                return write;
            }
            if (cause instanceof SQLException sql && READ_ONLY_DATABASE.contains(sql.getSQLState())) {
                return new StoreWriteException("cannot write the records", new IOException("the store is read-only"));
            }
            if (cause instanceof IOException io && DISK_FULL.equals(io.getMessage())) {
                return new StoreWriteException("cannot write the records", io); // the embedded database's file
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    // H2's DATABASE_IS_READ_ONLY; PostgreSQL's read_only_sql_transaction.
    private static final java.util.Set<String> READ_ONLY_DATABASE = java.util.Set.of("90097", "25006");
    private static final String DISK_FULL = "No space left on device";
}
