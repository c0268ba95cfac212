package dev.backprop.model;

import dev.backprop.engine.Network;
import dev.backprop.engine.NetworkFormat;
import dev.backprop.storage.Checksums;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file a model is stored in ({@code <id>.model}), format version 1, big-endian:
 *
 * <pre>
 * "BPMF"            4 bytes, magic
 * version           int, 1
 * metadata length   int, then that many bytes of UTF-8 JSON: the {@link ModelInfo}
 * network           the {@link NetworkFormat} section: architecture, weights, biases, batch norm
 * checksum          int, CRC-32 of every byte before it
 * </pre>
 *
 * The checksum lets a truncated or corrupted file be recognised and set aside instead of loaded.
 */
public final class ModelFile {

    public static final int VERSION = 1;
    private static final int MAGIC = 0x42504D46; // "BPMF"
    private static final int MAX_METADATA = 1 << 20;

    private final JsonMapper json;

    public ModelFile(JsonMapper json) {
        this.json = json;
    }

    public byte[] write(StoredModel model) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] metadata = json.writeValueAsBytes(model.info());
            out.writeInt(metadata.length);
            out.write(metadata);
            NetworkFormat.write(model.network(), out);
            out.flush();
            return Checksums.seal(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /** Reads a model file; any inconsistency is an {@link IOException} naming it. */
    public StoredModel read(byte[] sealed) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Checksums.open(sealed)));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Backprop model file");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(
                    "model file version " + version + " is not supported (this build reads " + VERSION + ")");
        }
        int length = in.readInt();
        if (length <= 0 || length > MAX_METADATA) {
            throw new IOException("implausible metadata length " + length);
        }
        byte[] metadata = in.readNBytes(length);
        ModelInfo info;
        try {
            info = json.readValue(new String(metadata, StandardCharsets.UTF_8), ModelInfo.class);
        } catch (JacksonException e) {
            throw new IOException("unreadable metadata: " + e.getOriginalMessage(), e);
        }
        checkDeclaredSize(in);
        Network network = NetworkFormat.read(in);
        if (in.available() != 0) {
            throw new IOException(in.available() + " unexpected bytes after the network");
        }
        if (!network.architecture().sizes().equals(info.layers())) {
            throw new IOException("metadata says layers " + info.layers() + " but the network has "
                    + network.architecture().sizes());
        }
        return new StoredModel(info, network);
    }

    /**
     * Refuses, before anything is allocated, a network that declares more weights than the file holds
     * bytes: a 1 KB file with a valid checksum may claim 1000×1,000,000 weights, 4 GB of floats.
     */
    private static void checkDeclaredSize(DataInputStream in) throws IOException {
        in.mark(Integer.MAX_VALUE);
        in.readInt(); // the network's magic number and version, checked by NetworkFormat
        in.readInt();
        int count = in.readInt();
        if (count < 2 || count > 64) {
            throw new IOException("implausible layer count " + count);
        }
        long weights = 0;
        long previous = in.readInt();
        for (int l = 1; l < count; l++) {
            long size = in.readInt();
            if (previous <= 0 || size <= 0) {
                throw new IOException("implausible layer size " + Math.min(previous, size));
            }
            weights += previous * size + size;
            previous = size;
        }
        long available = in.available();
        if (weights * Float.BYTES > available) {
            throw new IOException("the network declares " + weights + " weights and biases (" + weights * Float.BYTES
                    + " bytes) but the file holds only " + available + " bytes more");
        }
        in.reset();
    }
}
