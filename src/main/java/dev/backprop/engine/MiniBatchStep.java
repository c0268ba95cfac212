package dev.backprop.engine;

import dev.backprop.engine.ExampleSet.SparsePixels;
import dev.backprop.engine.Optimizer.ParameterState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One gradient step on one mini-batch, in matrix form: a forward pass that keeps every layer's
 * {@code z} and {@code a} for the whole batch, a backward pass that computes every layer's error
 * {@code δˡ = ∂C/∂zˡ}, and the optimiser's update. Owns its buffers, allocated once per run.
 *
 * <p>With plain SGD the update is fused into the backward pass: {@code W ← W − (η/m)·δ·aᵀ} is added
 * straight into the weights once {@code δ} has been sent down, so no gradient matrix is ever zeroed,
 * filled and read back. On the seed network that halves the memory traffic of the update.
 */
final class MiniBatchStep {

    private final Kernels kernels = Kernels.INSTANCE;
    private final DenseLayer[] layers;
    private final LayerBuffers[] buffers;
    private final Loss loss;
    private final Optimizer optimizer;
    private final boolean fusedSgd;
    private final float dropout;
    private final float decay;
    private final int[] labels;

    MiniBatchStep(Network network, TrainingConfig config, int trainingExamples) {
        this(network, config, trainingExamples, config.optimizer() instanceof Optimizer.Sgd);
    }

    private MiniBatchStep(Network network, TrainingConfig config, int trainingExamples, boolean fusedSgd) {
        this.layers = network.layers().toArray(DenseLayer[]::new);
        this.loss = config.loss();
        this.optimizer = config.optimizer();
        this.fusedSgd = fusedSgd;
        this.dropout = (float) config.dropout();
        this.decay = (float) (config.l2() / trainingExamples);
        this.labels = new int[config.batchSize()];
        this.buffers = new LayerBuffers[layers.length];
        for (int l = 0; l < layers.length; l++) {
            boolean hidden = l < layers.length - 1;
            buffers[l] =
                    new LayerBuffers(layers[l], config.batchSize(), l > 0, hidden && dropout > 0, fusedSgd, optimizer);
        }
    }

    /** The summed loss and the number of correct answers of the last batch, before its update. */
    record Outcome(double loss, int correct) {}

    /** Every optimiser state, layer by layer (weights, biases, γ, β where present), for checkpoints. */
    List<ParameterState> parameterStates() {
        List<ParameterState> states = new ArrayList<>();
        for (LayerBuffers b : buffers) {
            for (ParameterState state : new ParameterState[] {b.weightState, b.biasState, b.gammaState, b.betaState}) {
                if (state != null) {
                    states.add(state);
                }
            }
        }
        return states;
    }

    /** Puts back the optimiser states of a checkpoint, in {@link #parameterStates()}'s order. */
    void restore(List<Checkpoint.SavedState> saved) {
        List<ParameterState> states = parameterStates();
        if (states.size() != saved.size()) {
            throw new IllegalArgumentException(
                    "the checkpoint has " + saved.size() + " optimiser states, not " + states.size());
        }
        for (int k = 0; k < states.size(); k++) {
            float[][] target = states.get(k).buffers();
            float[][] source = saved.get(k).buffers();
            for (int b = 0; b < target.length; b++) {
                if (source[b].length != target[b].length) {
                    throw new IllegalArgumentException("optimiser state " + k + " has the wrong size");
                }
                System.arraycopy(source[b], 0, target[b], 0, target[b].length);
            }
            states.get(k).restoreSteps(saved.get(k).steps());
        }
    }

    /** A step that only measures gradients ({@link #gradients}), for checking them against finite differences. */
    static MiniBatchStep forGradients(Network network, TrainingConfig config, int trainingExamples) {
        return new MiniBatchStep(network, config, trainingExamples, false);
    }

    /** Trains on {@code examples[from, from + count)} of {@code data}. */
    Outcome train(ExampleSet data, int[] examples, int from, int count, Random random) {
        Outcome outcome = forwardAndError(data, examples, from, count, random);
        backward(data.sparse(), examples, from, count, true);
        return outcome;
    }

    /**
     * The gradient of the batch's mean cost (plus the L2 term) with respect to every layer's weights,
     * then biases, then γ and β where present, without changing the network.
     */
    float[][] gradients(ExampleSet data, int[] examples, int from, int count, Random random) {
        forwardAndError(data, examples, from, count, random);
        backward(data.sparse(), examples, from, count, false);
        java.util.List<float[]> gradients = new java.util.ArrayList<>();
        for (int l = 0; l < layers.length; l++) {
            LayerBuffers b = buffers[l];
            float[] weights = layers[l].weights.data;
            float[] gradWeights = new float[weights.length];
            for (int k = 0; k < weights.length; k++) {
                gradWeights[k] = b.gradWeights[k] / count + decay * weights[k];
            }
            gradients.add(gradWeights);
            gradients.add(b.gradBiases == null ? new float[0] : scaled(b.gradBiases, count));
            if (b.gradGamma != null) {
                gradients.add(scaled(b.gradGamma, count));
                gradients.add(scaled(b.gradBeta, count));
            }
        }
        return gradients.toArray(float[][]::new);
    }

    /** The batch's summed loss in training mode (batch statistics, dropout), without changing the weights. */
    double loss(ExampleSet data, int[] examples, int from, int count, Random random) {
        return forwardAndError(data, examples, from, count, random).loss();
    }

    private static float[] scaled(float[] values, int count) {
        float[] result = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            result[k] = values[k] / count;
        }
        return result;
    }

    private Outcome forwardAndError(ExampleSet data, int[] examples, int from, int count, Random random) {
        for (int c = 0; c < count; c++) {
            labels[c] = data.label(examples[from + c]);
        }
        SparsePixels pixels = data.sparse();
        forward(pixels, examples, from, count, random);
        LayerBuffers top = buffers[layers.length - 1];
        DenseLayer output = layers[layers.length - 1];
        int classes = output.units();
        double batchLoss = loss.total(output.activation(), top.pre, top.act, labels, classes, count);
        int correct = 0;
        for (int c = 0; c < count; c++) {
            if (Classifier.argMax(top.act, c * classes, classes) == labels[c]) {
                correct++;
            }
        }
        loss.outputError(output.activation(), top.pre, top.act, labels, top.delta, classes, count);
        return new Outcome(batchLoss, correct);
    }

    private void forward(SparsePixels pixels, int[] examples, int from, int count, Random random) {
        for (int l = 0; l < layers.length; l++) {
            DenseLayer layer = layers[l];
            LayerBuffers b = buffers[l];
            float[] bias = layer.batchNormalised() ? null : layer.biases.data;
            if (l == 0) {
                kernels.multiply(layer.weights.data, layer.units(), bias, pixels, examples, from, b.linear, count);
            } else {
                kernels.multiply(
                        layer.weights.data,
                        layer.units(),
                        layer.inputs(),
                        bias,
                        buffers[l - 1].out,
                        0,
                        b.linear,
                        count);
            }
            if (layer.batchNormalised()) {
                b.normalise(layer.batchNorm, count);
            }
            layer.activation().forward(b.pre, b.act, layer.units(), count);
            if (b.mask != null) {
                b.drop(dropout, layer.units(), count, random);
            }
        }
    }

    private void backward(SparsePixels pixels, int[] examples, int from, int count, boolean apply) {
        float scale = 1f / count;
        for (int l = layers.length - 1; l >= 0; l--) {
            DenseLayer layer = layers[l];
            LayerBuffers b = buffers[l];
            int units = layer.units();
            if (l > 0) {
                // Send the error down, δˡ⁻¹ = Wᵀδˡ, before this layer's weights change. Multiplying by an
                // explicit transpose keeps every element a chain of fmas, like the other products.
                LayerBuffers below = buffers[l - 1];
                Kernels.transpose(layer.weights.data, units, layer.inputs(), b.transposed);
                kernels.multiply(b.transposed, layer.inputs(), units, null, b.delta, 0, below.delta, count);
                below.backThroughActivation(layers[l - 1], count);
            }
            float[] weights = layer.weights.data;
            if (fusedSgd) {
                float eta = (float) optimizer.learningRate();
                if (decay > 0) {
                    float shrink = 1 - eta * decay;
                    for (int k = 0; k < weights.length; k++) {
                        weights[k] *= shrink;
                    }
                }
                addWeightGradient(l, -eta * scale, pixels, examples, from, count, weights);
                if (!layer.batchNormalised()) {
                    Kernels.addColumns(-eta * scale, b.delta, units, count, layer.biases.data);
                }
            } else {
                Arrays.fill(b.gradWeights, 0f);
                addWeightGradient(l, 1f, pixels, examples, from, count, b.gradWeights);
                if (apply) {
                    b.weightState.step(weights, b.gradWeights, scale, decay);
                }
                if (!layer.batchNormalised()) {
                    Arrays.fill(b.gradBiases, 0f);
                    Kernels.addColumns(1f, b.delta, units, count, b.gradBiases);
                    if (apply) {
                        b.biasState.step(layer.biases.data, b.gradBiases, scale, 0);
                    }
                }
            }
            if (layer.batchNormalised() && apply) {
                b.gammaState.step(layer.batchNorm.gamma.data, b.gradGamma, scale, 0);
                b.betaState.step(layer.batchNorm.beta.data, b.gradBeta, scale, 0);
            }
        }
    }

    private void addWeightGradient(
            int l, float scale, SparsePixels pixels, int[] examples, int from, int count, float[] target) {
        DenseLayer layer = layers[l];
        if (l == 0) {
            kernels.addOuter(scale, buffers[0].delta, layer.units(), pixels, examples, from, count, target);
        } else {
            kernels.addOuter(scale, buffers[l].delta, layer.units(), buffers[l - 1].out, layer.inputs(), count, target);
        }
    }

    /** One layer's batch buffers, each {@code units × batchSize}, column per example. */
    private static final class LayerBuffers {
        /** W·a (+ b): the layer's linear output. */
        final float[] linear;
        /** The activation's input: {@code linear}, or γx̂ + β after batch norm. */
        final float[] pre;
        /** f(pre). */
        final float[] act;
        /** What the next layer sees: {@code act}, or {@code act} with units dropped. */
        final float[] out;
        /** Per element 0 (dropped) or 1/(1 − p) (kept), for inverted dropout; null without dropout. */
        final float[] mask;
        /** ∂C/∂linear, built in place from ∂C/∂out as the error passes down. */
        final float[] delta;
        /** Wᵀ, refreshed before each backward step (not needed on the first layer). */
        final float[] transposed;

        final float[] gradWeights;
        final float[] gradBiases;
        final ParameterState weightState;
        final ParameterState biasState;
        // Batch norm only.
        final float[] normalised;
        final float[] inverseDeviation;
        final float[] gradGamma;
        final float[] gradBeta;
        final ParameterState gammaState;
        final ParameterState betaState;

        LayerBuffers(
                DenseLayer layer,
                int batchSize,
                boolean sendsErrorDown,
                boolean dropout,
                boolean fusedSgd,
                Optimizer optimizer) {
            int units = layer.units();
            int size = units * batchSize;
            boolean norm = layer.batchNormalised();
            linear = new float[size];
            pre = norm ? new float[size] : linear;
            act = new float[size];
            mask = dropout ? new float[size] : null;
            out = dropout ? new float[size] : act;
            delta = new float[size];
            transposed = sendsErrorDown ? new float[units * layer.inputs()] : null;
            gradWeights = fusedSgd ? null : new float[units * layer.inputs()];
            gradBiases = fusedSgd || norm ? null : new float[units];
            weightState = fusedSgd ? null : optimizer.newState(units * layer.inputs());
            biasState = fusedSgd || norm ? null : optimizer.newState(units);
            normalised = norm ? new float[size] : null;
            inverseDeviation = norm ? new float[units] : null;
            gradGamma = norm ? new float[units] : null;
            gradBeta = norm ? new float[units] : null;
            gammaState = norm ? optimizer.newState(units) : null;
            betaState = norm ? optimizer.newState(units) : null;
        }

        /** Batch norm forward: standardise each unit over the batch, scale and shift, track running statistics. */
        void normalise(BatchNorm norm, int count) {
            int units = inverseDeviation.length;
            float[] gamma = norm.gamma.data;
            float[] beta = norm.beta.data;
            float[] runningMean = norm.runningMean.data;
            float[] runningVariance = norm.runningVariance.data;
            float momentum = BatchNorm.RUNNING_MOMENTUM;
            for (int j = 0; j < units; j++) {
                float mean = 0;
                for (int c = 0; c < count; c++) {
                    mean += linear[c * units + j];
                }
                mean /= count;
                float variance = 0;
                for (int c = 0; c < count; c++) {
                    float d = linear[c * units + j] - mean;
                    variance += d * d;
                }
                variance /= count;
                float inverse = 1 / (float) Math.sqrt(variance + BatchNorm.EPSILON);
                inverseDeviation[j] = inverse;
                for (int c = 0; c < count; c++) {
                    int k = c * units + j;
                    normalised[k] = (linear[k] - mean) * inverse;
                    pre[k] = gamma[j] * normalised[k] + beta[j];
                }
                // The running variance is the unbiased estimate, as PyTorch keeps it.
                float unbiased = count > 1 ? variance * count / (count - 1) : variance;
                runningMean[j] = (1 - momentum) * runningMean[j] + momentum * mean;
                runningVariance[j] = (1 - momentum) * runningVariance[j] + momentum * unbiased;
            }
        }

        /** Inverted dropout: drop each unit with probability p and scale the survivors by 1/(1 − p). */
        void drop(float p, int units, int count, Random random) {
            float keep = 1 / (1 - p);
            for (int k = 0, n = units * count; k < n; k++) {
                mask[k] = random.nextFloat() < p ? 0f : keep;
                out[k] = act[k] * mask[k];
            }
        }

        /**
         * Turns ∂C/∂out (in {@code delta}) into ∂C/∂linear: through the dropout mask, the activation's
         * derivative and, when present, batch norm's backward step (which also yields ∂C/∂γ and ∂C/∂β).
         */
        void backThroughActivation(DenseLayer layer, int count) {
            int units = layer.units();
            int n = units * count;
            if (mask != null) {
                for (int k = 0; k < n; k++) {
                    delta[k] *= mask[k];
                }
            }
            layer.activation().backward(pre, act, delta, delta, units, count);
            if (layer.batchNormalised()) {
                float[] gamma = layer.batchNorm.gamma.data;
                for (int j = 0; j < units; j++) {
                    float sum = 0;
                    float sumTimesNormalised = 0;
                    for (int c = 0; c < count; c++) {
                        int k = c * units + j;
                        sum += delta[k];
                        sumTimesNormalised += delta[k] * normalised[k];
                    }
                    gradBeta[j] = sum;
                    gradGamma[j] = sumTimesNormalised;
                    float factor = gamma[j] * inverseDeviation[j] / count;
                    for (int c = 0; c < count; c++) {
                        int k = c * units + j;
                        delta[k] = Activation.flush(
                                factor * (count * delta[k] - sum - normalised[k] * sumTimesNormalised));
                    }
                }
            }
        }
    }
}
