package dev.backprop.engine;

import dev.backprop.engine.kernels.Block;
import dev.backprop.engine.kernels.DenseProducts;
import java.util.Random;

/**
 * The forward pass, the engine's only one: training ({@link BatchPart}), prediction ({@link Classifier})
 * and explanations ({@link InputGradients}) all run it. Layer by layer, {@code z = W·a + b} into the
 * layer's buffers, then {@link DenseLayer#forward}: batch norm, the activation, dropout. Only the first
 * layer's product differs by caller (images' non-zero pixels, a dense block, or pixel halves on two
 * threads), so it is given.
 */
final class ForwardPass {

    private ForwardPass() {}

    /** Puts the first layer's {@code z} for the batch into {@code linear}. */
    @FunctionalInterface
    interface FirstProduct {
        void into(DenseLayer first, float[] linear);
    }

    /**
     * Runs layers {@code [0, depth)} on a batch of {@code count} examples.
     *
     * @param random dropout's draws; unused where the buffers have no dropout
     */
    static void run(
            DenseLayer[] layers,
            int depth,
            LayerBuffers[] buffers,
            DenseProducts products,
            FirstProduct first,
            int count,
            Random random) {
        for (int l = 0; l < depth; l++) {
            DenseLayer layer = layers[l];
            LayerBuffers b = buffers[l];
            if (l == 0) {
                first.into(layer, b.linear);
            } else {
                products.forward(layer.forwardWeights(), Block.of(buffers[l - 1].out, count), b.linear);
            }
            layer.forward(b, count, random);
        }
    }
}
