package dev.backprop.engine;

import org.ojalgo.matrix.store.R032Store;

/**
 * Batch normalisation's parameters for one hidden layer (Ioffe and Szegedy): each unit's linear output
 * is standardised over the mini-batch, {@code x̂ = (z − μ_B) / √(σ²_B + ε)}, then scaled and shifted,
 * {@code γx̂ + β}. Running means and variances, updated during training, stand in for the batch
 * statistics at prediction time.
 */
public final class BatchNorm {

    static final float EPSILON = 1e-5f;
    /** Weight of the newest batch in the running statistics (PyTorch's default). */
    static final float RUNNING_MOMENTUM = 0.1f;

    final R032Store gamma;
    final R032Store beta;
    final R032Store runningMean;
    final R032Store runningVariance;

    BatchNorm(int units) {
        gamma = R032Store.FACTORY.make(units, 1);
        beta = R032Store.FACTORY.make(units, 1);
        runningMean = R032Store.FACTORY.make(units, 1);
        runningVariance = R032Store.FACTORY.make(units, 1);
        java.util.Arrays.fill(gamma.data, 1f);
        java.util.Arrays.fill(runningVariance.data, 1f);
    }

    BatchNorm copy() {
        BatchNorm copy = new BatchNorm(gamma.data.length);
        System.arraycopy(gamma.data, 0, copy.gamma.data, 0, gamma.data.length);
        System.arraycopy(beta.data, 0, copy.beta.data, 0, beta.data.length);
        System.arraycopy(runningMean.data, 0, copy.runningMean.data, 0, runningMean.data.length);
        System.arraycopy(runningVariance.data, 0, copy.runningVariance.data, 0, runningVariance.data.length);
        return copy;
    }

    /** γ, β, running mean and running variance, in that order (the file format's order). */
    float[][] arrays() {
        return new float[][] {gamma.data, beta.data, runningMean.data, runningVariance.data};
    }
}
