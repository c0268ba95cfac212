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

    /** What batch norm keeps of one batch for its backward step, and the gradients of γ and β it yields. */
    static final class Batch {
        /** x̂ per element. */
        final float[] normalised;
        /** 1/σ per unit. */
        final float[] inverseDeviation;

        final float[] gradGamma;
        final float[] gradBeta;

        Batch(int units, int capacity) {
            normalised = new float[units * capacity];
            inverseDeviation = new float[units];
            gradGamma = new float[units];
            gradBeta = new float[units];
        }
    }

    /**
     * Forward over a batch block {@code [units × count]}: standardise each unit over the batch, scale and
     * shift, {@code pre = γ·x̂ + β}, keeping {@code x̂} and {@code 1/σ} for the backward step, and move the
     * running statistics toward the batch's (the variance as the unbiased estimate, as PyTorch keeps it).
     */
    void forward(float[] linear, Batch batch, float[] pre, int units, int count) {
        float[] normalised = batch.normalised;
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
            float inverse = 1 / (float) Math.sqrt(variance + EPSILON);
            batch.inverseDeviation[j] = inverse;
            for (int c = 0; c < count; c++) {
                int k = c * units + j;
                normalised[k] = (linear[k] - mean) * inverse;
                pre[k] = gamma.data[j] * normalised[k] + beta.data[j];
            }
            float unbiased = count > 1 ? variance * count / (count - 1) : variance;
            runningMean.data[j] = (1 - RUNNING_MOMENTUM) * runningMean.data[j] + RUNNING_MOMENTUM * mean;
            runningVariance.data[j] = (1 - RUNNING_MOMENTUM) * runningVariance.data[j] + RUNNING_MOMENTUM * unbiased;
        }
    }

    /**
     * Backward, in place: {@code delta} holds ∂C/∂(γx̂ + β) and becomes ∂C/∂z,
     * {@code (γ/(mσ))·(m·g − Σg − x̂·Σ(g·x̂))}; also yields {@code ∂C/∂β = Σg} and {@code ∂C/∂γ = Σ(g·x̂)}.
     */
    void backward(float[] delta, Batch batch, int units, int count) {
        float[] normalised = batch.normalised;
        for (int j = 0; j < units; j++) {
            float sum = 0;
            float sumTimesNormalised = 0;
            for (int c = 0; c < count; c++) {
                int k = c * units + j;
                sum += delta[k];
                sumTimesNormalised += delta[k] * normalised[k];
            }
            batch.gradBeta[j] = sum;
            batch.gradGamma[j] = sumTimesNormalised;
            float factor = gamma.data[j] * batch.inverseDeviation[j] / count;
            for (int c = 0; c < count; c++) {
                int k = c * units + j;
                delta[k] = Activation.flush(factor * (count * delta[k] - sum - normalised[k] * sumTimesNormalised));
            }
        }
    }
}
