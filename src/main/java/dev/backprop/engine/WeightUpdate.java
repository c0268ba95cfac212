package dev.backprop.engine;

import dev.backprop.engine.kernels.BatchPartition;
import dev.backprop.engine.kernels.Block;
import dev.backprop.engine.kernels.DenseProducts;
import dev.backprop.engine.kernels.Gradient;
import dev.backprop.engine.kernels.Images;
import dev.backprop.engine.kernels.Loops;
import dev.backprop.engine.kernels.SparsePixels;
import java.util.Arrays;

/**
 * The second phase of a mini-batch step: every layer's gradient from the errors of the first phase and
 * the optimiser's step, {@code W ← step(W, (1/m)·Σ δ·aᵀ + λ'·W)} and the same for biases (or γ and β
 * under batch norm). An optimiser that {@link Optimizer#fusesIntoGradient() fuses} (plain SGD) is added
 * straight into the weights by the gradient product, {@code W ← (1 − ηλ')·W − (η/m)·δ·aᵀ}.
 *
 * <p>On the own kernels each thread takes half of every weight matrix's columns, going through all the
 * examples in order; with the native BLAS each gradient is one sgemm over the whole batch, and the
 * threads share the optimiser's element-wise step by halves.
 */
final class WeightUpdate {

    private final DenseLayer[] layers;
    private final LayerState[] states;
    private final BatchPart[] parts;
    private final DenseProducts products;
    private final BatchPartition partition;
    private Optimizer optimizer; // its rate changes by epoch under a schedule
    private final boolean fused;
    private final float decay;

    WeightUpdate(
            DenseLayer[] layers,
            LayerState[] states,
            BatchPart[] parts,
            DenseProducts products,
            BatchPartition partition,
            Optimizer optimizer,
            float decay) {
        this.layers = layers;
        this.states = states;
        this.parts = parts;
        this.products = products;
        this.partition = partition;
        this.optimizer = optimizer;
        this.fused = optimizer.fusesIntoGradient();
        this.decay = decay;
    }

    /** The step size of the epoch about to start, for the fused step and every optimiser state. */
    void learningRate(double rate) {
        optimizer = optimizer.withLearningRate(rate);
        for (LayerState state : states) {
            for (Optimizer.ParameterState parameter : state.parameterStates()) {
                parameter.learningRate(rate);
            }
        }
    }

    /** Updates every parameter from the errors the parts hold for {@code examples[from, from + count)}. */
    void apply(SparsePixels pixels, int[] examples, int from, int count) {
        float scale = 1f / count;
        if (!fused) {
            for (LayerState state : states) {
                state.weights.state().advance();
            }
        }
        if (products.nativeBlas() != null) {
            applyThroughBlas(count, scale);
            return;
        }
        partition.run(t -> {
            for (int l = 0; l < layers.length; l++) {
                int inputs = layers[l].inputs();
                updateWeights(l, partition.from(t, inputs), partition.to(t, inputs), scale, pixels, examples, from);
            }
            if (t == 0) {
                for (int l = 0; l < layers.length; l++) {
                    updateBiases(l, scale);
                }
            }
        });
    }

    private void applyThroughBlas(int count, float scale) {
        BatchPart part = parts[0];
        for (int l = 0; l < layers.length; l++) {
            DenseLayer layer = layers[l];
            float[] input = l == 0 ? part.input : part.buffers[l - 1].out;
            float[] delta = part.buffers[l].delta;
            if (fused) {
                float eta = (float) optimizer.learningRate();
                products.weightGradient(
                        -eta * scale,
                        new Gradient(delta, layer.units(), layer.inputs(), layer.weights.data),
                        Block.of(input, count),
                        1 - eta * decay);
            } else {
                products.weightGradient(
                        1f,
                        new Gradient(delta, layer.units(), layer.inputs(), states[l].weights.gradient()),
                        Block.of(input, count),
                        0f);
            }
            updateBiases(l, scale);
        }
        if (!fused) {
            partition.run(t -> {
                for (int l = 0; l < layers.length; l++) {
                    float[] weights = layers[l].weights.data;
                    int from = partition.from(t, weights.length);
                    int to = partition.to(t, weights.length);
                    states[l].weights.state().stepRange(weights, states[l].weights.gradient(), scale, decay, from, to);
                }
            });
        }
    }

    /** Columns {@code [lo, hi)} of layer l's weights: the fused step, or the gradient and the optimiser's step. */
    private void updateWeights(int l, int lo, int hi, float scale, SparsePixels pixels, int[] examples, int from) {
        DenseLayer layer = layers[l];
        LayerState state = states[l];
        int units = layer.units();
        float[] weights = layer.weights.data;
        if (fused) {
            float eta = (float) optimizer.learningRate();
            if (decay > 0) {
                float shrink = 1 - eta * decay;
                for (int k = lo * units; k < hi * units; k++) {
                    weights[k] *= shrink;
                }
            }
            addWeightGradient(l, lo, hi, -eta * scale, pixels, examples, from, weights);
        } else {
            Arrays.fill(state.weights.gradient(), lo * units, hi * units, 0f);
            addWeightGradient(l, lo, hi, 1f, pixels, examples, from, state.weights.gradient());
            state.weights.state().stepRange(weights, state.weights.gradient(), scale, decay, lo * units, hi * units);
        }
    }

    private void addWeightGradient(
            int l, int lo, int hi, float scale, SparsePixels pixels, int[] examples, int from, float[] target) {
        DenseLayer layer = layers[l];
        for (BatchPart part : parts) {
            Gradient gradient = new Gradient(part.buffers[l].delta, layer.units(), layer.inputs(), target);
            if (l == 0) {
                products.addWeightGradient(
                        scale, gradient, new Images(pixels, examples, from + part.offset, part.count), lo, hi);
            } else {
                products.addWeightGradient(scale, gradient, Block.of(part.buffers[l - 1].out, part.count), lo, hi);
            }
        }
    }

    /** Biases summed over the parts in example order, or γ and β under batch norm. */
    private void updateBiases(int l, float scale) {
        DenseLayer layer = layers[l];
        LayerState state = states[l];
        int units = layer.units();
        if (layer.batchNormalised()) {
            // Batch norm ties the examples together: its batches are never shared, so one part holds them all.
            BatchNorm.Batch batch = parts[0].buffers[l].norm;
            state.normStates.get(0).step(layer.batchNorm.gamma.data, batch.gradGamma, scale, 0);
            state.normStates.get(1).step(layer.batchNorm.beta.data, batch.gradBeta, scale, 0);
        } else if (fused) {
            float eta = (float) optimizer.learningRate();
            for (BatchPart part : parts) {
                Loops.addColumns(-eta * scale, part.buffers[l].delta, units, part.count, layer.biases.data);
            }
        } else {
            Arrays.fill(state.biases.gradient(), 0f);
            for (BatchPart part : parts) {
                Loops.addColumns(1f, part.buffers[l].delta, units, part.count, state.biases.gradient());
            }
            state.biases.state().step(layer.biases.data, state.biases.gradient(), scale, 0);
        }
    }
}
