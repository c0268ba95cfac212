package dev.backprop.engine;

import dev.backprop.engine.Optimizer.ParameterState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run as it stands after a completed epoch: the weights, the optimiser's state, the metrics
 * so far and, with early stopping, the best epoch's weights. {@link Trainer#resume} continues from it
 * exactly as if the run had never stopped, since every epoch's shuffle and dropout depend only on the
 * seed and the epoch number.
 *
 * <p>Written (format version 2, big-endian): {@code "BPCK"}, version, the epoch, the network
 * ({@link NetworkFormat}), the optimiser states (count, then per state its step count and buffers), the
 * epoch results (each with its learning rate, which version 1 lacks and reads as NaN), and a flag
 * followed by the best epoch, its validation accuracy and its network.
 */
public final class Checkpoint {

    private static final int MAGIC = 0x4250434B; // "BPCK"
    private static final int VERSION = 2;

    private final int epoch;
    private final Network network;
    private final List<SavedState> states;
    private final List<EpochResult> epochs;
    private final Network best;
    private final int bestEpoch;
    private final double bestAccuracy;

    /** One optimiser state: its step count and buffers. */
    record SavedState(long steps, float[][] buffers) {}

    Checkpoint(
            int epoch,
            Network network,
            List<SavedState> states,
            List<EpochResult> epochs,
            Network best,
            int bestEpoch,
            double bestAccuracy) {
        this.epoch = epoch;
        this.network = network;
        this.states = states;
        this.epochs = List.copyOf(epochs);
        this.best = best;
        this.bestEpoch = bestEpoch;
        this.bestAccuracy = bestAccuracy;
    }

    static List<SavedState> save(List<ParameterState> states) {
        return states.stream()
                .map(state -> new SavedState(state.steps(), state.buffers()))
                .toList();
    }

    /** The last completed epoch. */
    public int epoch() {
        return epoch;
    }

    public List<EpochResult> epochs() {
        return epochs;
    }

    Network network() {
        return network;
    }

    List<SavedState> states() {
        return states;
    }

    Network best() {
        return best;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestAccuracy() {
        return bestAccuracy;
    }

    /** Writes the checkpoint; the arrays are those of the running training, so write it before it goes on. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(epoch);
        NetworkFormat.write(network, out);
        out.writeInt(states.size());
        for (SavedState state : states) {
            out.writeLong(state.steps());
            out.writeInt(state.buffers().length);
            for (float[] buffer : state.buffers()) {
                out.writeInt(buffer.length);
                for (float value : buffer) {
                    out.writeFloat(value);
                }
            }
        }
        out.writeInt(epochs.size());
        for (EpochResult result : epochs) {
            out.writeInt(result.epoch());
            out.writeDouble(result.trainLoss());
            out.writeDouble(result.trainAccuracy());
            writeNullable(out, result.validationLoss());
            writeNullable(out, result.validationAccuracy());
            writeNullable(out, result.testLoss());
            writeNullable(out, result.testAccuracy());
            out.writeLong(result.durationNanos());
            out.writeDouble(result.examplesPerSecond());
            out.writeDouble(result.learningRate());
        }
        out.writeBoolean(best != null);
        if (best != null) {
            out.writeInt(bestEpoch);
            out.writeDouble(bestAccuracy);
            NetworkFormat.write(best, out);
        }
    }

    public static Checkpoint read(DataInput in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Backprop checkpoint");
        }
        int version = in.readInt();
        if (version != 1 && version != VERSION) {
            throw new IOException("checkpoint version " + version + " is not supported");
        }
        int epoch = in.readInt();
        Network network = NetworkFormat.read(in);
        int count = in.readInt();
        List<SavedState> states = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long steps = in.readLong();
            float[][] buffers = new float[in.readInt()][];
            for (int b = 0; b < buffers.length; b++) {
                buffers[b] = new float[in.readInt()];
                for (int i = 0; i < buffers[b].length; i++) {
                    buffers[b][i] = in.readFloat();
                }
            }
            states.add(new SavedState(steps, buffers));
        }
        List<EpochResult> epochs = new ArrayList<>();
        for (int k = in.readInt(); k > 0; k--) {
            epochs.add(new EpochResult(
                    in.readInt(),
                    in.readDouble(),
                    in.readDouble(),
                    readNullable(in),
                    readNullable(in),
                    readNullable(in),
                    readNullable(in),
                    in.readLong(),
                    in.readDouble(),
                    version >= 2 ? in.readDouble() : Double.NaN));
        }
        Network best = null;
        int bestEpoch = 0;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        if (in.readBoolean()) {
            bestEpoch = in.readInt();
            bestAccuracy = in.readDouble();
            best = NetworkFormat.read(in);
        }
        return new Checkpoint(epoch, network, states, epochs, best, bestEpoch, bestAccuracy);
    }

    private static void writeNullable(DataOutput out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readNullable(DataInput in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
