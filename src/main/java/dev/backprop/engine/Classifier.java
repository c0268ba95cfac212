package dev.backprop.engine;

import dev.backprop.engine.kernels.Block;
import dev.backprop.engine.kernels.DenseProducts;
import dev.backprop.engine.kernels.Images;
import dev.backprop.engine.kernels.SparsePixels;
import dev.backprop.engine.kernels.Weights;
import java.util.stream.IntStream;

/**
 * A trained network frozen for prediction: immutable, so any number of threads may call it at once.
 * Batch normalisation is folded into the weights when freezing ({@code W' = γ/σ · W},
 * {@code b' = β − γμ/σ} with the running statistics), so prediction is plain dense layers.
 *
 * <p>Large batches are cut into chunks that run in parallel; each chunk's arithmetic is independent, so
 * the results do not depend on how many threads computed them.
 */
public final class Classifier {

    /** Examples per chunk: large enough to amortise a task, small enough that buffers stay in cache. */
    private static final int CHUNK = 256;

    /** The forward product training uses, on the engine's own kernels (zero-skipping, fast at any batch). */
    private static final DenseProducts PRODUCTS = DenseProducts.OWN;

    private final Architecture architecture;
    private final Layer[] layers;
    private final int widest;

    private Classifier(Architecture architecture, Layer[] layers) {
        this.architecture = architecture;
        this.layers = layers;
        int max = 0;
        for (Layer layer : layers) {
            max = Math.max(max, layer.units);
        }
        this.widest = max;
    }

    static Classifier of(Network network) {
        Layer[] layers = network.layers().stream().map(Classifier::freeze).toArray(Layer[]::new);
        return new Classifier(network.architecture(), layers);
    }

    private static Layer freeze(DenseLayer layer) {
        float[] weights = layer.weights.data.clone();
        float[] biases = layer.biases.data.clone();
        BatchNorm norm = layer.batchNorm;
        if (norm != null) {
            int units = layer.units();
            for (int j = 0; j < units; j++) {
                float scale = norm.gamma.data[j] / (float) Math.sqrt(norm.runningVariance.data[j] + BatchNorm.EPSILON);
                biases[j] = norm.beta.data[j] - scale * norm.runningMean.data[j];
                for (int i = 0; i < layer.inputs(); i++) {
                    weights[i * units + j] *= scale;
                }
            }
        }
        return new Layer(layer.inputs(), layer.units(), layer.activation(), weights, biases);
    }

    public Architecture architecture() {
        return architecture;
    }

    public int inputSize() {
        return architecture.inputSize();
    }

    public int classes() {
        return architecture.outputSize();
    }

    /** One image's prediction; {@code input} holds its pixels scaled to [0, 1]. */
    public Prediction predict(float[] input) {
        return Prediction.of(probabilities(input, 1));
    }

    /**
     * Class probabilities for {@code count} images laid out one after another in {@code inputs} (pixels
     * scaled to [0, 1]); the answer holds {@code classes()} values per image. Softmax outputs are
     * returned as they are, sigmoid outputs divided by their sum (computed so that it stays finite when every
     * output underflows), identity outputs put through a softmax.
     */
    public float[] probabilities(float[] inputs, int count) {
        if (inputs.length < (long) count * inputSize()) {
            throw new IllegalArgumentException("expected " + count + " × " + inputSize() + " inputs");
        }
        int classes = classes();
        float[] result = new float[count * classes];
        forEachChunk(count, (from, size, buffers) -> {
            buffers.forwardDense(inputs, from, size);
            buffers.copyProbabilities(result, from, size);
        });
        return result;
    }

    /**
     * The last hidden layer's activations for {@code count} images laid out as in {@link #probabilities}:
     * {@code units} values per image, image after image. What the network has made of its input just
     * before the output layer, for looking inside it.
     *
     * @throws IllegalStateException when the network has no hidden layer
     */
    public float[] lastHiddenActivations(float[] inputs, int count) {
        if (layers.length < 2) {
            throw new IllegalStateException("the network has no hidden layer");
        }
        int units = layers[layers.length - 2].units;
        float[] result = new float[count * units];
        forEachChunk(count, (from, size, buffers) -> {
            float[] hidden = buffers.forwardHidden(inputs, from, size);
            System.arraycopy(hidden, 0, result, from * units, size * units);
        });
        return result;
    }

    /** Units of the last hidden layer; 0 when there is none. */
    public int lastHiddenUnits() {
        return layers.length < 2 ? 0 : layers[layers.length - 2].units;
    }

    /**
     * Accuracy and mean loss on {@code examples} of {@code set}, and every example's predicted label and
     * the probability given to it.
     */
    public Evaluation evaluate(ExampleSet set, int[] examples, Loss loss) {
        int count = examples.length;
        int[] predicted = new int[count];
        float[] confidence = new float[count];
        int chunks = (count + CHUNK - 1) / CHUNK;
        double[] chunkLoss = new double[chunks];
        SparsePixels pixels = set.sparse();
        forEachChunk(count, (from, size, buffers) -> {
            buffers.forwardSparse(pixels, examples, from, size);
            chunkLoss[from / CHUNK] = buffers.lossAndLabels(loss, set, examples, from, size, predicted, confidence);
        });
        double totalLoss = 0;
        for (double value : chunkLoss) {
            totalLoss += value;
        }
        int correct = 0;
        for (int k = 0; k < count; k++) {
            if (predicted[k] == set.label(examples[k])) {
                correct++;
            }
        }
        return new Evaluation(count, correct, count == 0 ? Double.NaN : totalLoss / count, predicted, confidence);
    }

    private void forEachChunk(int count, ChunkTask task) {
        int chunks = (count + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(chunk -> {
            int from = chunk * CHUNK;
            task.run(from, Math.min(CHUNK, count - from), new Buffers());
        });
    }

    @FunctionalInterface
    private interface ChunkTask {
        void run(int from, int size, Buffers buffers);
    }

    /** The frozen layers, for {@link InputGradients}; not to be changed. */
    Layer[] frozenLayers() {
        return layers;
    }

    /** One frozen layer: weights {@code [units × inputs]} column-major, biases, activation. */
    record Layer(int inputs, int units, Activation activation, float[] weights, float[] biases) {
        Weights forwardWeights() {
            return new Weights(weights, units, inputs, biases);
        }
    }

    /** Per-chunk scratch space; the last layer's z and a are kept apart because the loss needs both. */
    private final class Buffers {
        private final float[] even = new float[widest * CHUNK];
        private final float[] odd = new float[widest * CHUNK];
        private final float[] outputZ = new float[classes() * CHUNK];
        private final float[] outputA = new float[classes() * CHUNK];

        /** The hidden layers alone, leaving the last one's activations in the buffer it answers. */
        float[] forwardHidden(float[] inputs, int from, int size) {
            float[] current = odd;
            for (int l = 0; l < layers.length - 1; l++) {
                Layer layer = layers[l];
                float[] source = l == 0 ? inputs : current;
                float[] target = l == 0 ? odd : (current == odd ? even : odd);
                PRODUCTS.forward(
                        layer.forwardWeights(), new Block(source, l == 0 ? from * layer.inputs : 0, size), target);
                layer.activation.forward(target, target, layer.units, size);
                current = target;
            }
            return current;
        }

        void forwardDense(float[] inputs, int from, int size) {
            Layer first = layers[0];
            float[] out = layers.length == 1 ? outputZ : odd;
            PRODUCTS.forward(first.forwardWeights(), new Block(inputs, from * first.inputs, size), out);
            finish(out, size);
        }

        void forwardSparse(SparsePixels pixels, int[] examples, int from, int size) {
            Layer first = layers[0];
            float[] out = layers.length == 1 ? outputZ : odd;
            PRODUCTS.forward(first.forwardWeights(), new Images(pixels, examples, from, size), out, null);
            finish(out, size);
        }

        /** Applies the first layer's activation to {@code z} in place, then runs the remaining layers. */
        private void finish(float[] z, int size) {
            float[] current = z;
            for (int l = 0; l < layers.length; l++) {
                Layer layer = layers[l];
                if (l > 0) {
                    float[] next = l == layers.length - 1 ? outputZ : (current == odd ? even : odd);
                    PRODUCTS.forward(layer.forwardWeights(), Block.of(current, size), next);
                    current = next;
                }
                float[] activated = l == layers.length - 1 ? outputA : current;
                layer.activation.forward(current, activated, layer.units, size);
                current = activated;
            }
        }

        void copyProbabilities(float[] result, int from, int size) {
            int classes = classes();
            Activation output = layers[layers.length - 1].activation;
            if (output == Activation.IDENTITY) {
                Activation.SOFTMAX.forward(outputZ, outputA, classes, size);
            } else if (output == Activation.SIGMOID) {
                // σᵢ/Σσ computed as the softmax of log σ(z) = −softplus(−z): the same numbers, but finite
                // where every σ underflows to 0 and the plain quotient would be 0/0.
                int n = classes * size;
                for (int k = 0; k < n; k++) {
                    outputA[k] = (float) -Activation.SOFTPLUS.value(-outputZ[k]);
                }
                Activation.SOFTMAX.forward(outputA, outputA, classes, size);
            }
            System.arraycopy(outputA, 0, result, from * classes, size * classes);
        }

        double lossAndLabels(
                Loss loss, ExampleSet set, int[] examples, int from, int size, int[] predicted, float[] confidence) {
            int classes = classes();
            Activation output = layers[layers.length - 1].activation;
            double sum = 0;
            for (int c = 0; c < size; c++) {
                sum += loss.value(output, outputZ, outputA, c * classes, classes, set.label(examples[from + c]));
            }
            float[] probabilities = new float[size * classes];
            copyProbabilities(probabilities, 0, size);
            for (int c = 0; c < size; c++) {
                int label = argMax(probabilities, c * classes, classes);
                predicted[from + c] = label;
                confidence[from + c] = probabilities[c * classes + label];
            }
            return sum;
        }
    }

    static int argMax(float[] values, int offset, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (values[offset + j] > values[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /** A single image's answer: the most probable label, its probability, and all probabilities. */
    public record Prediction(int label, float confidence, float[] probabilities) {

        /** The prediction of one image's class probabilities. */
        public static Prediction of(float[] probabilities) {
            int label = argMax(probabilities, 0, probabilities.length);
            return new Prediction(label, probabilities[label], probabilities);
        }
    }

    /**
     * How a classifier did on a set of examples: {@code predicted[k]} is the label it gave example k and
     * {@code confidence[k]} the probability it gave that label.
     */
    public record Evaluation(int count, int correct, double meanLoss, int[] predicted, float[] confidence) {
        public double accuracy() {
            return count == 0 ? Double.NaN : (double) correct / count;
        }
    }
}
