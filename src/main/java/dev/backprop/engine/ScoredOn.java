package dev.backprop.engine;

/**
 * Which output of the target class an explanation explains. Softmax outputs are explained on the
 * logit {@code zₜ}: the probability of a confident answer saturates near 1, so its path integral piles
 * up in a few steps and the attributions say more about the saturation than about the pixels; the
 * logit moves steadily along the path. Sigmoid outputs are explained on the probability the service
 * answers ({@code σ(zₜ) / Σⱼ σ(zⱼ)}), identity outputs on theirs ({@code softmax(z)ₜ}).
 */
public enum ScoredOn {
    LOGIT,
    PROBABILITY;

    /** What a network whose output layer has this function is explained on. */
    static ScoredOn of(Activation output) {
        return output == Activation.SOFTMAX ? LOGIT : PROBABILITY;
    }
}
