package dev.backprop.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a network's architecture and parameters (format version 1), big-endian as
 * {@link DataOutput} writes:
 *
 * <pre>
 * "BPNN"                      4 bytes, magic
 * version                     int, 1
 * layer count + 1             int, then each size as an int (784, 30, 10)
 * hidden activation           UTF string, an {@link Activation} name
 * output activation           UTF string
 * batch norm                  boolean
 * per layer, input to output: weights (units × inputs floats, column-major: the weights leaving
 *                             input 0 first), biases (units floats), and on batch-normalised layers
 *                             γ, β, running mean and running variance (units floats each)
 * </pre>
 *
 * Integrity (checksums, atomic writes) is the caller's business; this class only refuses data that
 * does not describe a valid network.
 */
public final class NetworkFormat {

    public static final int VERSION = 1;
    private static final int MAGIC = 0x42504E4E; // "BPNN"
    /** Far above any network the service accepts; guards against allocating from a corrupt header. */
    private static final int MAX_LAYER_SIZE = 1 << 20;

    private NetworkFormat() {}

    public static void write(Network network, DataOutput out) throws IOException {
        Architecture architecture = network.architecture();
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(architecture.sizes().size());
        for (int size : architecture.sizes()) {
            out.writeInt(size);
        }
        out.writeUTF(architecture.hiddenActivation().name());
        out.writeUTF(architecture.outputActivation().name());
        out.writeBoolean(architecture.batchNorm());
        for (DenseLayer layer : network.layers()) {
            writeFloats(out, layer.weights.data);
            writeFloats(out, layer.biases.data);
            if (layer.batchNorm != null) {
                for (float[] array : layer.batchNorm.arrays()) {
                    writeFloats(out, array);
                }
            }
        }
    }

    /** Reads a network written by {@link #write}; throws {@link IOException} for anything else. */
    public static Network read(DataInput in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Backprop network (wrong magic number)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(
                    "network format version " + version + " is not supported (this build reads " + VERSION + ")");
        }
        int count = in.readInt();
        if (count < 2 || count > 64) {
            throw new IOException("implausible layer count " + count);
        }
        List<Integer> sizes = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            int size = in.readInt();
            if (size <= 0 || size > MAX_LAYER_SIZE) {
                throw new IOException("implausible layer size " + size);
            }
            sizes.add(size);
        }
        Architecture architecture;
        try {
            architecture = new Architecture(
                    sizes, Activation.valueOf(in.readUTF()), Activation.valueOf(in.readUTF()), in.readBoolean());
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid architecture: " + e.getMessage(), e);
        }
        Network network = Network.zeros(architecture);
        for (DenseLayer layer : network.layers()) {
            readFloats(in, layer.weights.data);
            readFloats(in, layer.biases.data);
            if (layer.batchNorm != null) {
                for (float[] array : layer.batchNorm.arrays()) {
                    readFloats(in, array);
                }
            }
        }
        return network;
    }

    private static void writeFloats(DataOutput out, float[] values) throws IOException {
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private static void readFloats(DataInput in, float[] values) throws IOException {
        for (int k = 0; k < values.length; k++) {
            values[k] = in.readFloat();
        }
    }
}
