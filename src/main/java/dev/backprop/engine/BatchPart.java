package dev.backprop.engine;

import dev.backprop.engine.kernels.BatchPartition;
import dev.backprop.engine.kernels.DenseProducts;
import dev.backprop.engine.kernels.Images;
import dev.backprop.engine.kernels.SparsePixels;
import dev.backprop.engine.kernels.Weights;
import java.util.Random;

/**
 * A share of a mini-batch's examples and every layer's buffers for them: the first phase of a step,
 * the forward pass ({@link ForwardPass}, as {@link Classifier}'s) and the backward pass down to every layer's error {@code δˡ = ∂C/∂zˡ}.
 */
final class BatchPart {

    final LayerBuffers[] buffers;
    /** The share's images as a dense {@code [inputs × capacity]} block, for sgemm; null on the own kernels. */
    final float[] input;

    private final DenseLayer[] layers;
    private final LayerState[] states;
    private final DenseProducts products;
    private final Loss loss;
    private final int[] labels;
    /** Where the first layer's sum is split by pixel halves (see {@link #forward}); null otherwise. */
    private final BatchPartition halves;
    /** The second pixel half's sum of the first layer, {@code [units × capacity]}, when split. */
    private final float[] secondHalf;

    int offset;
    int count;
    int correct;

    /**
     * @param halves null, or the partition whose two threads each sum the first layer over one half of the
     *               pixels
     */
    BatchPart(
            DenseLayer[] layers,
            LayerState[] states,
            DenseProducts products,
            Loss loss,
            float dropout,
            int capacity,
            BatchPartition halves) {
        this.halves = halves;
        this.secondHalf = halves == null ? null : new float[layers[0].units() * capacity];
        this.layers = layers;
        this.states = states;
        this.products = products;
        this.loss = loss;
        buffers = new LayerBuffers[layers.length];
        for (int l = 0; l < layers.length; l++) {
            buffers[l] = new LayerBuffers(layers[l], capacity, l < layers.length - 1 ? dropout : 0f, true);
        }
        labels = new int[capacity];
        input = products.nativeBlas() == null ? null : new float[layers[0].inputs() * capacity];
    }

    void place(int offset, int count) {
        this.offset = offset;
        this.count = count;
    }

    /** Forward, each example's loss into {@code losses[offset + c]}, the output error, then the errors sent down. */
    void forwardAndBack(
            ExampleSet data, SparsePixels pixels, int[] examples, int from, Random random, double[] losses) {
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
            DenseLayer layer = layers[l];
            products.sendDown(
                    layer.forwardWeights(), states[l].transposed, buffers[l].delta, buffers[l - 1].delta, count);
            layers[l - 1].backward(buffers[l - 1], count);
        }
    }

    /**
     * The first layer's {@code z = (b + Σ_{i < n/2} xᵢwᵢ) + Σ_{i ≥ n/2} xᵢwᵢ}, each half on its own thread:
     * the halves of the weights each thread updates (by columns, {@link WeightUpdate}), so neither
     * thread reads a weight the other just wrote. The seed network's batches of 10, too small to split
     * by examples, train on two threads this way; splitting them by examples instead was no faster
     * than one thread (0.14 s an epoch against 0.13), the weights moving between the cores every step.
     * One thread sums the same halves in the same order, so the bits do not depend on the threads.
     */
    private void forwardByPixelHalves(DenseLayer layer, Images images, float[] z) {
        Weights w = layer.forwardWeights();
        halves.runHalves(t -> products.forwardHalf(w, images, t == 0 ? z : secondHalf, t));
        for (int k = 0, n = layer.units() * count; k < n; k++) {
            z[k] += secondHalf[k];
        }
    }

    private void forward(SparsePixels pixels, int[] examples, int from, Random random) {
        Images images = new Images(pixels, examples, from, count);
        ForwardPass.FirstProduct first = halves != null
                ? (layer, linear) -> forwardByPixelHalves(layer, images, linear)
                : (layer, linear) -> products.forward(layer.forwardWeights(), images, linear, input);
        ForwardPass.run(layers, layers.length, buffers, products, first, count, random);
    }
}
