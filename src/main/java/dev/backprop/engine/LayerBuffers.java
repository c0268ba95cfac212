package dev.backprop.engine;

/** One layer's buffers for a part of the batch, each {@code units × capacity}, one column per example. */
final class LayerBuffers {
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

    /** From {@code linear} to {@code out}: batch norm where present, the activation, dropout where present. */
    void forward(DenseLayer layer, float dropout, int count, java.util.Random random) {
        int units = layer.units();
        if (layer.batchNormalised()) {
            layer.batchNorm.forward(linear, normalised, inverseDeviation, pre, units, count);
        }
        layer.activation().forward(pre, act, units, count);
        if (mask != null) {
            Dropout.forward(dropout, act, mask, out, units * count, random);
        }
    }

    /**
     * Turns ∂C/∂out (in {@code delta}) into ∂C/∂linear: back through the dropout mask, the activation's
     * derivative and batch norm, the reverse of {@link #forward}; batch norm also yields ∂C/∂γ and ∂C/∂β.
     */
    void backward(DenseLayer layer, LayerState state, int count) {
        int units = layer.units();
        if (mask != null) {
            Dropout.backward(mask, delta, units * count);
        }
        layer.activation().backward(pre, act, delta, delta, units, count);
        if (layer.batchNormalised()) {
            layer.batchNorm.backward(
                    delta, normalised, inverseDeviation, state.gradGamma, state.gradBeta, units, count);
        }
    }
}
