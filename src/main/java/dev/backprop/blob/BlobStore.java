package dev.backprop.blob;

import java.util.Optional;

/**
 * Where the large, write-once parts of the service live: model files, checkpoints, uploaded datasets.
 * Keys are paths such as {@code models/<id>.model}. A put replaces the whole object at once: a reader
 * sees the old bytes or the new, never part of them.
 */
public interface BlobStore {

    void put(String key, byte[] content);

    /** The object's bytes, or empty when there is none. */
    Optional<byte[]> get(String key);

    /**
     * The same as {@link #get}, for a read a client is waiting for: given up sooner when the store does
     * not answer (as a StoreUnavailableException), so that the client hears 503 within seconds.
     */
    default Optional<byte[]> getPromptly(String key) {
        return get(key);
    }

    /** Removes the object; nothing happens when there is none. */
    void delete(String key);

    /** Whether the objects outlive the process. */
    boolean durable();

    /** Whether the objects are the files under {@code folder}, as the first release kept them. */
    default boolean isFolder(java.nio.file.Path folder) {
        return false;
    }
}
