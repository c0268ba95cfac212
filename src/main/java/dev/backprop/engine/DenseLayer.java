package dev.backprop.engine;

import dev.backprop.engine.kernels.Weights;
import java.util.Random;
import org.ojalgo.matrix.store.R032Store;

/**
 * One fully connected layer: {@code z = W·a + b}, then (on hidden layers, when asked for) batch
 * normalisation, then the activation, and in training dropout; its forward and backward steps side by
 * side. {@code W} is an ojAlgo store of {@code units × inputs}, so the weights leaving each input sit
 * together in memory. The products themselves are {@link ForwardPass}'s and the step's.
 */
public final class DenseLayer {

    private final int inputs;
    private final int units;
    private final Activation activation;
    final R032Store weights;
    /** All zero and never trained when {@link #batchNorm} is set: β does its job. */
    final R032Store biases;

    final BatchNorm batchNorm;

    DenseLayer(int inputs, int units, Activation activation, boolean batchNorm) {
        this.inputs = inputs;
        this.units = units;
        this.activation = activation;
        this.weights = R032Store.FACTORY.make(units, inputs);
        this.biases = R032Store.FACTORY.make(units, 1);
        this.batchNorm = batchNorm ? new BatchNorm(units) : null;
    }

    private DenseLayer(DenseLayer source) {
        this.inputs = source.inputs;
        this.units = source.units;
        this.activation = source.activation;
        this.weights = R032Store.FACTORY.copy(source.weights);
        this.biases = R032Store.FACTORY.copy(source.biases);
        this.batchNorm = source.batchNorm == null ? null : source.batchNorm.copy();
    }

    /** A layer of the given parameters without batch norm, as {@link Classifier} freezes one. */
    DenseLayer(int inputs, int units, Activation activation, float[] weights, float[] biases) {
        this(inputs, units, activation, false);
        System.arraycopy(weights, 0, this.weights.data, 0, weights.length);
        System.arraycopy(biases, 0, this.biases.data, 0, biases.length);
    }

    DenseLayer copy() {
        return new DenseLayer(this);
    }

    public int inputs() {
        return inputs;
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    public boolean batchNormalised() {
        return batchNorm != null;
    }

    /** W and the biases the forward product adds: none under batch norm, where β does their job. */
    Weights forwardWeights() {
        return new Weights(weights.data, units, inputs, batchNorm == null ? biases.data : null);
    }

    /**
     * From {@code linear} (z, already computed) to {@code out}: batch norm where present, the activation,
     * dropout where the buffers have it.
     */
    void forward(LayerBuffers b, int count, Random random) {
        if (batchNorm != null) {
            batchNorm.forward(b.linear, b.norm, b.pre, units, count);
        }
        activation.forward(b.pre, b.act, units, count);
        if (b.dropout != null) {
            b.dropout.forward(b.act, units * count, random);
        }
    }

    /**
     * Turns ∂C/∂out (in {@code delta}) into ∂C/∂linear: back through the dropout mask, the activation's
     * derivative and batch norm, the reverse of {@link #forward}; batch norm also yields ∂C/∂γ and ∂C/∂β.
     */
    void backward(LayerBuffers b, int count) {
        if (b.dropout != null) {
            b.dropout.backward(b.delta, units * count);
        }
        activation.backward(b.pre, b.act, b.delta, b.delta, units, count);
        if (batchNorm != null) {
            batchNorm.backward(b.delta, b.norm, units, count);
        }
    }
}
