package dev.backprop.engine;

/**
 * One layer's values for a batch of up to {@code capacity} examples, each block {@code units × capacity},
 * one column per example: what the forward pass leaves for the backward pass. Batch norm and dropout
 * keep theirs in objects of their own, present only on layers that have them.
 */
final class LayerBuffers {
    /** W·a (+ b): the layer's linear output. */
    final float[] linear;
    /** The activation's input: {@code linear}, or γx̂ + β after batch norm. */
    final float[] pre;
    /** f(pre). */
    final float[] act;
    /** What the next layer sees: {@code act}, or {@code act} with units dropped. */
    final float[] out;
    /** ∂C/∂linear, built in place from ∂C/∂out as the error passes down; null for a forward pass alone. */
    final float[] delta;
    /** Batch norm's values for this batch, on a layer that has it (else null). */
    final BatchNorm.Batch norm;
    /** Dropout's mask and output, on a layer that drops units (else null). */
    final Dropout dropout;

    /**
     * @param dropout   the probability of dropping a unit, 0 for none
     * @param backward  whether the backward pass runs too, needing {@code delta}
     */
    LayerBuffers(DenseLayer layer, int capacity, float dropout, boolean backward) {
        int units = layer.units();
        int size = units * capacity;
        linear = new float[size];
        norm = layer.batchNormalised() ? new BatchNorm.Batch(units, capacity) : null;
        pre = norm != null ? new float[size] : linear;
        act = new float[size];
        this.dropout = dropout > 0 ? new Dropout(dropout, size) : null;
        out = this.dropout != null ? this.dropout.out : act;
        delta = backward ? new float[size] : null;
    }

    /** Buffers for a forward pass alone, without dropout, for every layer of {@code layers}. */
    static LayerBuffers[] forPrediction(DenseLayer[] layers, int capacity) {
        LayerBuffers[] buffers = new LayerBuffers[layers.length];
        for (int l = 0; l < layers.length; l++) {
            buffers[l] = new LayerBuffers(layers[l], capacity, 0f, false);
        }
        return buffers;
    }
}
