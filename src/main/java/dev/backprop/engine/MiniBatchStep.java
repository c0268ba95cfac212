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
 * straight into the weights, so no gradient matrix is ever zeroed, filled and read back. On the seed
 * network that halves the memory traffic of the update.
 *
 * <p>With two threads the step runs in two phases. First each thread takes half of the batch's examples
 * through the forward pass and sends their errors down (examples are independent, and every weight is
 * only read). Then each thread updates half of every weight matrix's columns, going through all the
 * examples in order. Every number is thus computed by the same operations in the same order as with one
 * thread: the weights come out bit for bit the same. Batch norm and dropout, whose batch statistics and
 * random draws tie the examples together, keep to one thread, as do batches under 32 examples.
 */
final class MiniBatchStep implements AutoCloseable {

    static final int MIN_SHARED_BATCH = 32;

    private final Kernels kernels = Kernels.INSTANCE;
    /** The native BLAS for every product of this step, or null for the engine's own kernels. */
    private final NativeBlas blas;

    private final DenseLayer[] layers;
    private final LayerState[] states;
    private final Part[] parts;
    private final TwoThreads threads;
    private final Loss loss;
    private final Optimizer optimizer;
    private final boolean fusedSgd;
    private final float dropout;
    private final float decay;
    private final double[] losses;

    MiniBatchStep(Network network, TrainingConfig config, int trainingExamples, int threads) {
        this(network, config, trainingExamples, threads, nativeBlasFor(config));
    }

    MiniBatchStep(Network network, TrainingConfig config, int trainingExamples, int threads, NativeBlas blas) {
        this(network, config, trainingExamples, config.optimizer() instanceof Optimizer.Sgd, threads, blas);
    }

    /** The native BLAS where it loaded and the network has a layer wide enough for it to win. */
    static NativeBlas nativeBlasFor(TrainingConfig config) {
        java.util.List<Integer> sizes = config.architecture().sizes();
        boolean wide = sizes.subList(1, sizes.size()).stream().anyMatch(units -> units >= NativeBlas.MIN_UNITS);
        return wide && config.batchSize() >= MIN_SHARED_BATCH ? NativeBlas.INSTANCE : null;
    }

    /**
     * The engine's threads per step: two share the batch's examples on the own kernels (batches of 32 or
     * more, no batch norm or dropout); with the native BLAS, two share the optimiser's update (not SGD's,
     * which is fused into the sgemm).
     */
    static int threadsFor(TrainingConfig config, int threads, NativeBlas blas) {
        if (threads < 2) {
            return 1;
        }
        if (blas != null) {
            return config.optimizer() instanceof Optimizer.Sgd ? 1 : 2;
        }
        boolean shareable =
                !config.architecture().batchNorm() && config.dropout() == 0 && config.batchSize() >= MIN_SHARED_BATCH;
        return shareable ? 2 : 1;
    }

    private MiniBatchStep(
            Network network,
            TrainingConfig config,
            int trainingExamples,
            boolean fusedSgd,
            int threads,
            NativeBlas blas) {
        this.blas = blas;
        this.layers = network.layers().toArray(DenseLayer[]::new);
        this.loss = config.loss();
        this.optimizer = config.optimizer();
        this.fusedSgd = fusedSgd;
        this.dropout = (float) config.dropout();
        this.decay = (float) (config.l2() / trainingExamples);
        this.losses = new double[config.batchSize()];
        this.states = new LayerState[layers.length];
        for (int l = 0; l < layers.length; l++) {
            states[l] = new LayerState(layers[l], l > 0, fusedSgd, optimizer);
        }
        // Below 32 examples a batch, handing halves between the threads costs what it saves: on the seed
        // network (batches of 10) two threads measured no faster, on the modern one (64) twice as fast.
        // With the native BLAS the whole batch goes through each sgemm, which OpenBLAS shares among its own
        // threads; the helper thread then only shares the optimiser's update.
        int engineThreads = threadsFor(config, threads, blas);
        int count = blas == null ? engineThreads : 1;
        this.parts = new Part[count];
        for (int p = 0; p < count; p++) {
            parts[p] = new Part(layers, (config.batchSize() + count - 1) / count, dropout > 0);
        }
        boolean helper = engineThreads > 1;
        this.threads = helper ? new TwoThreads(Thread.currentThread().getName() + "-helper", blas != null) : null;
    }

    /** The summed loss and the number of correct answers of the last batch, before its update. */
    record Outcome(double loss, int correct) {}

    /** Every optimiser state, layer by layer (weights, biases, γ, β where present), for checkpoints. */
    List<ParameterState> parameterStates() {
        List<ParameterState> all = new ArrayList<>();
        for (LayerState state : states) {
            for (ParameterState parameter :
                    new ParameterState[] {state.weightState, state.biasState, state.gammaState, state.betaState}) {
                if (parameter != null) {
                    all.add(parameter);
                }
            }
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

    /** Trains on {@code examples[from, from + count)} of {@code data}. */
    Outcome train(ExampleSet data, int[] examples, int from, int count, Random random) {
        Outcome outcome = forwardAndBack(data, examples, from, count, random);
        if (blas != null) {
            updateThroughBlas(count);
        } else {
            update(data.sparse(), examples, from, count);
        }
        return outcome;
    }

    /** The batch's summed loss in training mode (batch statistics, dropout), without changing the weights. */
    double loss(ExampleSet data, int[] examples, int from, int count, Random random) {
        return forwardAndBack(data, examples, from, count, random).loss();
    }

    /** The first phase: forward, loss and errors sent down, each part of the batch on its own. */
    private Outcome forwardAndBack(ExampleSet data, int[] examples, int from, int count, Random random) {
        split(count);
        for (int l = 1; l < layers.length && blas == null; l++) {
            // Wᵀ for sending errors down, taken before any weight of this step changes.
            Kernels.transpose(layers[l].weights.data, layers[l].units(), layers[l].inputs(), states[l].transposed);
        }
        SparsePixels pixels = data.sparse();
        inParts(p -> parts[p].forwardAndBack(data, pixels, examples, from + parts[p].offset, random));
        double sum = 0;
        int correct = 0;
        for (Part part : parts) {
            for (int c = 0; c < part.count; c++) {
                sum += losses[part.offset + c]; // in example order, as one thread would add them
            }
            correct += part.correct;
        }
        return new Outcome(sum, correct);
    }

    /** Shares the batch between the parts: the first gets the larger half. */
    private void split(int count) {
        int first = (count + parts.length - 1) / parts.length;
        parts[0].place(0, Math.min(first, count));
        if (parts.length > 1) {
            parts[1].place(first, count - first);
        }
    }

    private void inParts(java.util.function.IntConsumer work) {
        if (parts.length == 1) {
            work.accept(0);
        } else {
            threads.run(work);
        }
    }

    /** The second phase: every weight matrix updated column range by column range, examples in order. */
    private void update(SparsePixels pixels, int[] examples, int from, int count) {
        float scale = 1f / count;
        if (!fusedSgd) {
            for (LayerState state : states) {
                state.weightState.advance();
            }
        }
        inParts(t -> {
            for (int l = 0; l < layers.length; l++) {
                int inputs = layers[l].inputs();
                int lo = parts.length == 1 || t == 0 ? 0 : inputs / 2;
                int hi = parts.length == 1 || t == 1 ? inputs : inputs / 2;
                updateWeights(l, lo, hi, scale, pixels, examples, from);
            }
            if (t == 0) {
                for (int l = 0; l < layers.length; l++) {
                    updateBiases(l, scale);
                }
            }
        });
    }

    /**
     * The second phase with the native BLAS: every weight gradient (or fused SGD step) as one sgemm over
     * the whole batch, then the optimiser's element-wise update shared between the threads by halves.
     */
    private void updateThroughBlas(int count) {
        float scale = 1f / count;
        Part part = parts[0];
        for (int l = 0; l < layers.length; l++) {
            DenseLayer layer = layers[l];
            float[] input = l == 0 ? part.input : part.buffers[l - 1].out;
            float[] delta = part.buffers[l].delta;
            float[] weights = layer.weights.data;
            if (fusedSgd) {
                float eta = (float) optimizer.learningRate();
                float shrink = 1 - eta * decay;
                blas.addOuter(-eta * scale, delta, layer.units(), input, layer.inputs(), count, shrink, weights);
            } else {
                blas.addOuter(1f, delta, layer.units(), input, layer.inputs(), count, 0f, states[l].gradWeights);
            }
            updateBiases(l, scale);
        }
        if (!fusedSgd) {
            for (LayerState state : states) {
                state.weightState.advance();
            }
            inThreads(t -> {
                for (int l = 0; l < layers.length; l++) {
                    int size = layers[l].weights.data.length;
                    int half = threads == null ? size : size / 2;
                    states[l].weightState.stepRange(
                            layers[l].weights.data,
                            states[l].gradWeights,
                            scale,
                            decay,
                            t == 0 ? 0 : half,
                            t == 0 ? half : size);
                }
            });
        }
    }

    private void inThreads(java.util.function.IntConsumer work) {
        if (threads == null) {
            work.accept(0);
        } else {
            threads.run(work);
        }
    }

    /** Columns {@code [lo, hi)} of layer l's weights: the fused SGD step, or the gradient and the optimiser's step. */
    private void updateWeights(int l, int lo, int hi, float scale, SparsePixels pixels, int[] examples, int from) {
        DenseLayer layer = layers[l];
        LayerState state = states[l];
        int units = layer.units();
        float[] weights = layer.weights.data;
        if (fusedSgd) {
            float eta = (float) optimizer.learningRate();
            if (decay > 0) {
                float shrink = 1 - eta * decay;
                for (int k = lo * units; k < hi * units; k++) {
                    weights[k] *= shrink;
                }
            }
            addWeightGradient(l, lo, hi, -eta * scale, pixels, examples, from, weights);
        } else {
            Arrays.fill(state.gradWeights, lo * units, hi * units, 0f);
            addWeightGradient(l, lo, hi, 1f, pixels, examples, from, state.gradWeights);
            state.weightState.stepRange(weights, state.gradWeights, scale, decay, lo * units, hi * units);
        }
    }

    private void addWeightGradient(
            int l, int lo, int hi, float scale, SparsePixels pixels, int[] examples, int from, float[] target) {
        DenseLayer layer = layers[l];
        for (Part part : parts) {
            float[] delta = part.buffers[l].delta;
            if (l == 0) {
                kernels.addOuter(
                        scale, delta, layer.units(), pixels, examples, from + part.offset, part.count, lo, hi, target);
            } else {
                kernels.addOuter(
                        scale,
                        delta,
                        layer.units(),
                        part.buffers[l - 1].out,
                        layer.inputs(),
                        part.count,
                        lo,
                        hi,
                        target);
            }
        }
    }

    private void updateBiases(int l, float scale) {
        DenseLayer layer = layers[l];
        LayerState state = states[l];
        int units = layer.units();
        if (!layer.batchNormalised()) {
            if (fusedSgd) {
                float eta = (float) optimizer.learningRate();
                for (Part part : parts) {
                    Kernels.addColumns(-eta * scale, part.buffers[l].delta, units, part.count, layer.biases.data);
                }
            } else {
                Arrays.fill(state.gradBiases, 0f);
                for (Part part : parts) {
                    Kernels.addColumns(1f, part.buffers[l].delta, units, part.count, state.gradBiases);
                }
                state.biasState.step(layer.biases.data, state.gradBiases, scale, 0);
            }
        } else {
            state.gammaState.step(layer.batchNorm.gamma.data, state.gradGamma, scale, 0);
            state.betaState.step(layer.batchNorm.beta.data, state.gradBeta, scale, 0);
        }
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.close();
        }
    }

    /** What a layer keeps across the batch: Wᵀ, gradients and optimiser states. */
    private static final class LayerState {
        /** Wᵀ, refreshed before each step's backward pass (not needed on the first layer). */
        final float[] transposed;

        final float[] gradWeights;
        final float[] gradBiases;
        final ParameterState weightState;
        final ParameterState biasState;
        // Batch norm only.
        final float[] gradGamma;
        final float[] gradBeta;
        final ParameterState gammaState;
        final ParameterState betaState;

        LayerState(DenseLayer layer, boolean sendsErrorDown, boolean fusedSgd, Optimizer optimizer) {
            int units = layer.units();
            boolean norm = layer.batchNormalised();
            transposed = sendsErrorDown ? new float[units * layer.inputs()] : null;
            gradWeights = fusedSgd ? null : new float[units * layer.inputs()];
            gradBiases = fusedSgd || norm ? null : new float[units];
            weightState = fusedSgd ? null : optimizer.newState(units * layer.inputs());
            biasState = fusedSgd || norm ? null : optimizer.newState(units);
            gradGamma = norm ? new float[units] : null;
            gradBeta = norm ? new float[units] : null;
            gammaState = norm ? optimizer.newState(units) : null;
            betaState = norm ? optimizer.newState(units) : null;
        }
    }

    /** A share of the batch's examples and every layer's buffers for them. */
    private final class Part {
        final LayerBuffers[] buffers;
        /** The batch's images as a dense {@code [inputs × capacity]} block, for sgemm; null without the native BLAS. */
        final float[] input;

        final int[] labels;
        int offset;
        int count;
        int correct;

        Part(DenseLayer[] layers, int capacity, boolean dropout) {
            buffers = new LayerBuffers[layers.length];
            for (int l = 0; l < layers.length; l++) {
                buffers[l] = new LayerBuffers(layers[l], capacity, dropout && l < layers.length - 1);
            }
            labels = new int[capacity];
            input = blas == null ? null : new float[layers[0].inputs() * capacity];
        }

        void place(int offset, int count) {
            this.offset = offset;
            this.count = count;
        }

        /** Forward, the losses into {@code losses[offset + c]}, the output error, then the errors sent down. */
        void forwardAndBack(ExampleSet data, SparsePixels pixels, int[] examples, int from, Random random) {
            for (int c = 0; c < count; c++) {
                labels[c] = data.label(examples[from + c]);
            }
            forward(pixels, examples, from, random);
            LayerBuffers top = buffers[layers.length - 1];
            DenseLayer output = layers[layers.length - 1];
            int classes = output.units();
            correct = 0;
            for (int c = 0; c < count; c++) {
                losses[offset + c] = loss.value(output.activation(), top.pre, top.act, c * classes, classes, labels[c]);
                if (Classifier.argMax(top.act, c * classes, classes) == labels[c]) {
                    correct++;
                }
            }
            loss.outputError(output.activation(), top.pre, top.act, labels, top.delta, classes, count);
            for (int l = layers.length - 1; l > 0; l--) {
                // δˡ⁻¹ = Wᵀδˡ through an explicit transpose, so every element is a chain of fmas like the rest.
                LayerBuffers below = buffers[l - 1];
                if (blas != null) {
                    blas.sendDown(
                            layers[l].weights.data,
                            layers[l].units(),
                            layers[l].inputs(),
                            buffers[l].delta,
                            below.delta,
                            count);
                } else {
                    kernels.multiply(
                            states[l].transposed,
                            layers[l].inputs(),
                            layers[l].units(),
                            null,
                            buffers[l].delta,
                            0,
                            below.delta,
                            count);
                }
                below.backThroughActivation(layers[l - 1], states[l - 1], count);
            }
        }

        /** The images {@code examples[from, from + count)} written out densely into {@link #input}. */
        private float[] expand(SparsePixels pixels, int[] examples, int from, int inputs) {
            Arrays.fill(input, 0, inputs * count, 0f);
            int[] starts = pixels.start();
            char[] index = pixels.index();
            byte[] value = pixels.value();
            for (int c = 0; c < count; c++) {
                int example = examples[from + c];
                for (int k = starts[example]; k < starts[example + 1]; k++) {
                    input[c * inputs + index[k]] = Kernels.pixel(value[k]);
                }
            }
            return input;
        }

        private void forward(SparsePixels pixels, int[] examples, int from, Random random) {
            for (int l = 0; l < layers.length; l++) {
                DenseLayer layer = layers[l];
                LayerBuffers b = buffers[l];
                float[] bias = layer.batchNormalised() ? null : layer.biases.data;
                if (blas != null) {
                    float[] in = l == 0 ? expand(pixels, examples, from, layer.inputs()) : buffers[l - 1].out;
                    blas.forward(layer.weights.data, layer.units(), layer.inputs(), bias, in, b.linear, count);
                } else if (l == 0) {
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
    }

    /** One layer's buffers for a part of the batch, each {@code units × capacity}, column per example. */
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
        // Batch norm only.
        final float[] normalised;
        final float[] inverseDeviation;

        LayerBuffers(DenseLayer layer, int capacity, boolean dropout) {
            int units = layer.units();
            int size = units * capacity;
            boolean norm = layer.batchNormalised();
            linear = new float[size];
            pre = norm ? new float[size] : linear;
            act = new float[size];
            mask = dropout ? new float[size] : null;
            out = dropout ? new float[size] : act;
            delta = new float[size];
            normalised = norm ? new float[size] : null;
            inverseDeviation = norm ? new float[units] : null;
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
        void backThroughActivation(DenseLayer layer, LayerState state, int count) {
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
                    state.gradBeta[j] = sum;
                    state.gradGamma[j] = sumTimesNormalised;
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
