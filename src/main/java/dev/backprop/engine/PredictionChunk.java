package dev.backprop.engine;

import dev.backprop.engine.kernels.Block;
import dev.backprop.engine.kernels.DenseProducts;
import dev.backprop.engine.kernels.Images;
import dev.backprop.engine.kernels.RawPixels;
import dev.backprop.engine.kernels.SparsePixels;

/**
 * One chunk of a {@link Classifier}'s batch: its layer buffers for {@link ForwardPass}, and what the
 * classifier answers from them. The last layer's z and a are both kept, as the loss needs both.
 */
final class PredictionChunk {

    /** The forward product training uses, on the engine's own kernels (zero-skipping, fast at any batch). */
    private static final DenseProducts PRODUCTS = DenseProducts.OWN;

    private final DenseLayer[] layers;
    private final int classes;
    private final LayerBuffers[] layerBuffers;
    private final float[] outputZ;
    private final float[] outputA;
    /** One example's log σ, for the rare example {@link #normaliseSigmoids} cannot divide. */
    private final float[] logSigmoids;

    PredictionChunk(DenseLayer[] layers, int capacity) {
        this.layers = layers;
        this.classes = layers[layers.length - 1].units();
        layerBuffers = LayerBuffers.forPrediction(layers, capacity);
        outputZ = layerBuffers[layers.length - 1].linear;
        outputA = layerBuffers[layers.length - 1].act;
        logSigmoids = new float[classes];
    }

    /** The hidden layers alone, answering the last one's activations. */
    float[] forwardHidden(float[] inputs, int from, int size) {
        int hidden = layers.length - 1;
        ForwardPass.run(layers, hidden, layerBuffers, PRODUCTS, dense(inputs, from, size), size, null);
        return layerBuffers[hidden - 1].act;
    }

    void forwardDense(float[] inputs, int from, int size) {
        ForwardPass.run(layers, layers.length, layerBuffers, PRODUCTS, dense(inputs, from, size), size, null);
    }

    /** As {@link #forwardDense}, the images given as raw 0–255 pixels from {@code offset} of {@code pixels}. */
    void forwardRaw(byte[] pixels, int offset, int size) {
        ForwardPass.FirstProduct first = (layer, linear) ->
                PRODUCTS.forward(layer.forwardWeights(), new RawPixels(pixels, offset, size), linear);
        ForwardPass.run(layers, layers.length, layerBuffers, PRODUCTS, first, size, null);
    }

    void forwardSparse(SparsePixels pixels, int[] examples, int from, int size) {
        Images images = new Images(pixels, examples, from, size);
        ForwardPass.FirstProduct first =
                (layer, linear) -> PRODUCTS.forward(layer.forwardWeights(), images, linear, null);
        ForwardPass.run(layers, layers.length, layerBuffers, PRODUCTS, first, size, null);
    }

    private static ForwardPass.FirstProduct dense(float[] inputs, int from, int size) {
        return (layer, linear) ->
                PRODUCTS.forward(layer.forwardWeights(), new Block(inputs, from * layer.inputs(), size), linear);
    }

    void copyProbabilities(float[] result, int from, int size) {
        Activation output = layers[layers.length - 1].activation();
        if (output == Activation.IDENTITY) {
            Activation.SOFTMAX.forward(outputZ, outputA, classes, size);
        } else if (output == Activation.SIGMOID) {
            for (int c = 0; c < size; c++) {
                normaliseSigmoids(c * classes);
            }
        }
        System.arraycopy(outputA, 0, result, from * classes, size * classes);
    }

    /**
     * One example's σᵢ/Σσ, from the σ the forward pass left in {@code outputA}. A σ flushed to zero (z
     * below about −87) would lose the share the exact quotient gives it unless the others sum to 1 or more,
     * where that share is below the smallest normal float anyway; such an example takes the log way, the
     * softmax of log σ(z) = −softplus(−z), finite even where every σ underflows. The log way for every
     * example (a log1p and two exps a value) took a quarter of a batch prediction of the seed network.
     */
    private void normaliseSigmoids(int from) {
        int to = from + classes;
        float sum = 0;
        boolean flushed = false;
        for (int k = from; k < to; k++) {
            sum += outputA[k];
            flushed |= outputA[k] == 0;
        }
        if (flushed && sum < 1) {
            for (int k = from; k < to; k++) {
                logSigmoids[k - from] = (float) -Activation.SOFTPLUS.value(-outputZ[k]);
            }
            Activation.SOFTMAX.forward(logSigmoids, logSigmoids, classes, 1);
            System.arraycopy(logSigmoids, 0, outputA, from, classes);
            return;
        }
        for (int k = from; k < to; k++) {
            outputA[k] = Activation.flush(outputA[k] / sum);
        }
    }

    double lossAndLabels(
            Loss loss, ExampleSet set, int[] examples, int from, int size, int[] predicted, float[] confidence) {
        Activation output = layers[layers.length - 1].activation();
        double sum = 0;
        for (int c = 0; c < size; c++) {
            sum += loss.value(output, outputZ, outputA, c * classes, classes, set.label(examples[from + c]));
        }
        float[] probabilities = new float[size * classes];
        copyProbabilities(probabilities, 0, size);
        for (int c = 0; c < size; c++) {
            int label = Classifier.argMax(probabilities, c * classes, classes);
            predicted[from + c] = label;
            confidence[from + c] = probabilities[c * classes + label];
        }
        return sum;
    }
}
