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

    /** Removes the object; nothing happens when there is none. */
    void delete(String key);

    /** Whether the objects outlive the process. */
    boolean durable();

    /** Whether the objects are the files under {@code folder}, as the first release kept them. */
    default boolean isFolder(java.nio.file.Path folder) {
        return false;
    }
}
