package dev.backprop.engine;

import dev.backprop.engine.Optimizer.ParameterState;
import dev.backprop.engine.kernels.BatchPartition;
import dev.backprop.engine.kernels.DenseProducts;
import dev.backprop.engine.kernels.Loops;
import dev.backprop.engine.kernels.NativeBlas;
import dev.backprop.engine.kernels.SparsePixels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One gradient step on one mini-batch, in matrix form: a forward pass that keeps every layer's
 * {@code z} and {@code a} for the whole batch and a backward pass down to every layer's error
 * {@code δˡ = ∂C/∂zˡ} ({@link BatchPart}), then every parameter's update ({@link WeightUpdate}). Owns
 * its buffers, allocated once per run.
 *
 * <p>Which arithmetic runs is decided once per run: networks with a layer of {@link NativeBlas#MIN_UNITS}
 * units or more, in batches of {@value #MIN_SHARED_BATCH} or more, go through the native BLAS where it
 * loaded; the rest through the engine's own zero-skipping kernels. The two threads share the work as
 * {@link BatchPartition} says, so one or two threads give the same bits on the same kernels. Batch norm
 * and dropout, whose batch statistics and random draws tie the examples together, keep the forward and
 * backward passes to one share, as do batches under 32 examples.
 */
final class MiniBatchStep implements AutoCloseable {

    static final int MIN_SHARED_BATCH = 32;

    private final DenseLayer[] layers;
    private final LayerState[] states;
    private final BatchPart[] parts;
    private final BatchPartition partition;
    private final DenseProducts products;
    private final WeightUpdate update;
    private final double[] losses;

    MiniBatchStep(Network network, TrainingConfig config, int trainingExamples, int threads) {
        this(network, config, trainingExamples, threads, nativeBlasFor(config));
    }

    /** A step on the given product path: {@code blas} null for the engine's own kernels. */
    MiniBatchStep(Network network, TrainingConfig config, int trainingExamples, int threads, NativeBlas blas) {
        this.layers = network.layers().toArray(DenseLayer[]::new);
        this.products = new DenseProducts(blas);
        this.losses = new double[config.batchSize()];
        this.states = new LayerState[layers.length];
        for (int l = 0; l < layers.length; l++) {
            states[l] = new LayerState(layers[l], l > 0 && blas == null, config.optimizer());
        }
        int engineThreads = threadsFor(config, threads, blas);
        // With the native BLAS the whole batch goes through each sgemm, which OpenBLAS shares among its own
        // threads; the helper then only shares the optimiser's update.
        int shares = blas == null && engineThreads == 2 && shareable(config) ? 2 : 1;
        this.partition = new BatchPartition(engineThreads, blas != null);
        // Decided by the request alone, never by the threads, as it changes the order of the first sums.
        BatchPartition halves = blas == null && !shareable(config) ? partition : null;
        this.parts = new BatchPart[shares];
        for (int p = 0; p < shares; p++) {
            parts[p] = new BatchPart(
                    layers,
                    states,
                    products,
                    config.loss(),
                    (float) config.dropout(),
                    (config.batchSize() + shares - 1) / shares,
                    halves);
        }
        this.update = new WeightUpdate(layers, states, parts, products, partition, config.optimizer(), (float)
                (config.l2() / trainingExamples));
    }

    /** The native BLAS where it loaded and the network has a layer wide enough for it to win. */
    static NativeBlas nativeBlasFor(TrainingConfig config) {
        List<Integer> sizes = config.architecture().sizes();
        boolean wide = sizes.subList(1, sizes.size()).stream().anyMatch(units -> units >= NativeBlas.MIN_UNITS);
        return wide && config.batchSize() >= MIN_SHARED_BATCH ? NativeBlas.INSTANCE : null;
    }

    /**
     * The engine's threads per step. On the own kernels two always share the update, each taking half of
     * every weight matrix's columns, and share the batch's examples too where {@link #shareable} allows.
     * With the native BLAS two share the optimiser's update, unless it is fused into the sgemm.
     */
    static int threadsFor(TrainingConfig config, int threads, NativeBlas blas) {
        if (threads < 2) {
            return 1;
        }
        if (blas != null) {
            return config.optimizer().fusesIntoGradient() ? 1 : 2;
        }
        return 2;
    }

    /**
     * Whether the forward and backward passes split the batch's examples between the two threads: not
     * under batch norm or dropout, whose batch statistics and random draws tie the examples together, and
     * not for batches under {@value #MIN_SHARED_BATCH} examples.
     */
    private static boolean shareable(TrainingConfig config) {
        return !config.architecture().batchNorm() && config.dropout() == 0 && config.batchSize() >= MIN_SHARED_BATCH;
    }

    /** The summed loss and the number of correct answers of the last batch, before its update. */
    record Outcome(double loss, int correct) {}

    /** Every optimiser state, layer by layer (weights, biases, γ, β where present), for checkpoints. */
    List<ParameterState> parameterStates() {
        List<ParameterState> all = new ArrayList<>();
        for (LayerState state : states) {
            all.addAll(state.parameterStates());
        }
        return all;
    }

    /** Puts back the optimiser states of a checkpoint, in {@link #parameterStates()}'s order. */
    void restore(List<Checkpoint.SavedState> saved) {
        List<ParameterState> all = parameterStates();
        if (all.size() != saved.size()) {
            throw new IllegalArgumentException(
                    "the checkpoint has " + saved.size() + " optimiser states, not " + all.size());
        }
        for (int k = 0; k < all.size(); k++) {
            float[][] target = all.get(k).buffers();
            float[][] source = saved.get(k).buffers();
            for (int b = 0; b < target.length; b++) {
                if (source[b].length != target[b].length) {
                    throw new IllegalArgumentException("optimiser state " + k + " has the wrong size");
                }
                System.arraycopy(source[b], 0, target[b], 0, target[b].length);
            }
            all.get(k).restoreSteps(saved.get(k).steps());
        }
    }

    /** The engine's threads this step may use: 1, or 2 when a helper shares it. */
    int threads() {
        return partition.threads();
    }

    /** Runs the helper's share on the calling thread from now on, or on the helper again; changes no bit. */
    void solo(boolean solo) {
        partition.solo(solo);
    }

    /** Sets η for the steps to come: a learning-rate schedule's rate of the next epoch. */
    void learningRate(double rate) {
        update.learningRate(rate);
    }

    /** Trains on {@code examples[from, from + count)} of {@code data}. */
    Outcome train(ExampleSet data, int[] examples, int from, int count, Random random) {
        Outcome outcome = forwardAndBack(data, examples, from, count, random);
        update.apply(data.sparse(), examples, from, count);
        return outcome;
    }

    /** The batch's summed loss in training mode (batch statistics, dropout), without changing the weights. */
    double loss(ExampleSet data, int[] examples, int from, int count, Random random) {
        return forwardAndBack(data, examples, from, count, random).loss();
    }

    /** The first phase: forward, loss and errors sent down, each share of the batch on its own. */
    private Outcome forwardAndBack(ExampleSet data, int[] examples, int from, int count, Random random) {
        for (int p = 0; p < parts.length; p++) {
            parts[p].place(
                    BatchPartition.firstExample(p, parts.length, count),
                    BatchPartition.exampleCount(p, parts.length, count));
        }
        for (int l = 1; l < layers.length && states[l].transposed != null; l++) {
            // Wᵀ for sending errors down, taken before any weight of this step changes.
            Loops.transpose(layers[l].weights.data, layers[l].units(), layers[l].inputs(), states[l].transposed);
        }
        SparsePixels pixels = data.sparse();
        partition.runShares(
                parts.length,
                p -> parts[p].forwardAndBack(data, pixels, examples, from + parts[p].offset, random, losses));
        double sum = 0;
        int correct = 0;
        for (BatchPart part : parts) {
            for (int c = 0; c < part.count; c++) {
                sum += losses[part.offset + c]; // in example order, as one thread would add them
            }
            correct += part.correct;
        }
        return new Outcome(sum, correct);
    }

    @Override
    public void close() {
        partition.close();
    }
}
