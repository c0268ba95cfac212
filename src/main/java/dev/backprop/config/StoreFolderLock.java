package dev.backprop.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One service process to a store folder: an operating-system lock on {@code backprop.lock} in it, held
 * while the embedded database may be open. H2's own file lock did that job, but a write that failed on a
 * full disk could leave it held by the closed database's channel, inside this JVM: every open after the
 * disk was freed then failed with {@link OverlappingFileLockException} until a restart (DiskFullIT, 4 of
 * 8 full runs). So the database opens with {@code FILE_LOCK=NO} and this lock, which no failed write
 * touches, keeps other processes out. Holders in one JVM share it (as they share H2's database), and the
 * last to release it frees it.
 */
final class StoreFolderLock implements AutoCloseable {

    static final String FILE_NAME = "backprop.lock";

    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path file;
    private boolean released;

    private StoreFolderLock(Path file) {
        this.file = file;
    }

    /**
     * Takes the folder's lock, or shares it with another holder in this JVM.
     *
     * @throws IllegalStateException when another process holds it
     */
    static StoreFolderLock take(Path folder) {
        Path file = folder.toAbsolutePath().normalize().resolve(FILE_NAME);
        synchronized (HELD) {
            Held held = HELD.get(file);
            if (held == null) {
                held = lock(file);
                HELD.put(file, held);
            }
            held.holders++;
        }
        return new StoreFolderLock(file);
    }

    private static Held lock(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.isWritable(file.getParent())) {
                // A read-only store: H2 opens it read-only, and no process can write to it.
                return new Held(null);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | OverlappingFileLockException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another process uses the store folder " + file.getParent()
                        + " (it holds " + FILE_NAME + "); give each service a folder of its own, or share"
                        + " records and models through PostgreSQL and S3");
            }
            return new Held(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the store folder " + file.getParent(), e);
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (released) {
                return;
            }
            released = true;
            Held held = HELD.get(file);
            if (--held.holders == 0) {
                HELD.remove(file);
                if (held.channel == null) {
                    return;
                }
                try {
                    held.channel.close(); // releases the lock
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static final class Held {
        /** Null for a read-only store, which is not locked. */
        final FileChannel channel;

        int holders;

        Held(FileChannel channel) {
            this.channel = channel;
        }
    }
}
