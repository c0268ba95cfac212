package dev.backprop.engine;

import dev.backprop.engine.kernels.SparsePixels;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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

    private final Architecture architecture;
    /** Never changed once frozen; without batch norm, which is folded into them. */
    private final DenseLayer[] layers;
    /**
     * Chunks' buffers of {@value #CHUNK} examples, reused from call to call: allocating (and zeroing) them
     * for every chunk took a tenth of a batch prediction's time on the seed network. Each is taken by one
     * thread at a time, so sharing the classifier stays safe.
     */
    private final Queue<PredictionChunk> idleChunks = new ConcurrentLinkedQueue<>();
    /** Whether chunks are kept: not for wide networks, whose megabytes would stay with every model held. */
    private final boolean pooled;

    private Classifier(Architecture architecture, DenseLayer[] layers) {
        this.architecture = architecture;
        this.layers = layers;
        long values = 0;
        for (DenseLayer layer : layers) {
            values += 2L * layer.units() * CHUNK;
        }
        this.pooled = values * Float.BYTES <= 1 << 20;
    }

    static Classifier of(Network network) {
        DenseLayer[] layers = network.layers().stream().map(Classifier::freeze).toArray(DenseLayer[]::new);
        return new Classifier(network.architecture(), layers);
    }

    private static DenseLayer freeze(DenseLayer layer) {
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
        return new DenseLayer(layer.inputs(), layer.units(), layer.activation(), weights, biases);
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
     * As {@link #probabilities(float[], int)}, the images given as their raw 0–255 pixels, one byte each,
     * from {@code offset} of {@code pixels}. The same numbers to the bit (each pixel becomes the same float
     * and the products skip the same zeros in the same order), but a quarter of the memory to read: the
     * float path is bound by reading its 31 MB for 10,000 images.
     */
    public float[] probabilities(byte[] pixels, int offset, int count) {
        int inputSize = inputSize();
        if (offset < 0 || pixels.length - offset < (long) count * inputSize) {
            throw new IllegalArgumentException("expected " + count + " × " + inputSize + " pixels from " + offset);
        }
        float[] result = new float[count * classes()];
        forEachChunk(count, (from, size, buffers) -> {
            buffers.forwardRaw(pixels, offset + from * inputSize, size);
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
        int units = lastHiddenUnits();
        float[] result = new float[count * units];
        forEachChunk(count, (from, size, buffers) -> {
            float[] hidden = buffers.forwardHidden(inputs, from, size);
            System.arraycopy(hidden, 0, result, from * units, size * units);
        });
        return result;
    }

    /** Units of the last hidden layer; 0 when there is none. */
    public int lastHiddenUnits() {
        return layers.length < 2 ? 0 : layers[layers.length - 2].units();
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
        (chunks > 1 ? range.parallel() : range).forEach(index -> {
            int from = index * CHUNK;
            int size = Math.min(CHUNK, count - from);
            PredictionChunk chunk = idleChunks.poll();
            if (chunk == null) {
                chunk = new PredictionChunk(layers, CHUNK);
            }
            task.run(from, size, chunk);
            if (pooled) {
                idleChunks.offer(chunk);
            }
        });
    }

    @FunctionalInterface
    private interface ChunkTask {
        void run(int from, int size, PredictionChunk buffers);
    }

    /** The frozen layers, for {@link InputGradients}; not to be changed. */
    DenseLayer[] frozenLayers() {
        return layers;
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
