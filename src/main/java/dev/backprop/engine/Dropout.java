package dev.backprop.engine;

import java.util.Random;

/**
 * Inverted dropout on a hidden layer's outputs during training, with its mask for one batch: each unit
 * is dropped with probability {@code p} and the survivors scaled by {@code 1/(1 − p)}, so prediction
 * needs no rescaling. Forward draws the mask and applies it; backward sends errors through the same mask.
 */
final class Dropout {

    private final float p;
    /** Per element 0 (dropped) or 1/(1 − p) (kept). */
    private final float[] mask;
    /** What the next layer sees: the activations with units dropped. */
    final float[] out;

    Dropout(float p, int size) {
        this.p = p;
        this.mask = new float[size];
        this.out = new float[size];
    }

    /** {@code mask[k]} = 0 (dropped) or 1/(1 − p) (kept), drawn in order; {@code out = act ⊙ mask}. */
    void forward(float[] act, int n, Random random) {
        float keep = 1 / (1 - p);
        for (int k = 0; k < n; k++) {
            mask[k] = random.nextFloat() < p ? 0f : keep;
            out[k] = act[k] * mask[k];
        }
    }

    /** ∂C/∂act = ∂C/∂out ⊙ mask, in place. */
    void backward(float[] delta, int n) {
        for (int k = 0; k < n; k++) {
            delta[k] *= mask[k];
        }
    }
}
