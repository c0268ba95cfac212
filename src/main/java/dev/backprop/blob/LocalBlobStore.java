package dev.backprop.blob;

import dev.backprop.storage.AtomicFiles;
import dev.backprop.storage.StoreWriteException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Objects as files under one folder, each written to a temporary file and renamed into place. */
public final class LocalBlobStore implements BlobStore {

    private final Path root;

    public LocalBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, byte[] content) {
        try {
            AtomicFiles.write(file(key), content);
        } catch (IOException e) {
            throw new StoreWriteException("cannot write " + key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(file(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // The key, not the path: a job's error and a client's answer never show where the server keeps files.
            throw new UncheckedIOException("cannot read " + key + ": " + StoreWriteException.reason(e), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new StoreWriteException("cannot delete " + key, e);
        }
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public boolean isFolder(Path folder) {
        return root.equals(folder.toAbsolutePath().normalize());
    }

    private Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("blob key outside the store: " + key);
        }
        return file;
    }
}
