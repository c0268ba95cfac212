package dev.backprop.engine;

import dev.backprop.engine.kernels.Weights;
import org.ojalgo.matrix.store.R032Store;

/**
 * One fully connected layer: {@code z = W·a + b}, then (on hidden layers, when asked for) batch
 * normalisation, then the activation. {@code W} is an ojAlgo store of {@code units × inputs}, so the
 * weights leaving each input sit together in memory.
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
}
