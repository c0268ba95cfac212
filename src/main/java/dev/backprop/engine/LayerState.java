package dev.backprop.engine;

import dev.backprop.engine.Optimizer.ParameterState;

/** What a layer keeps across a run's steps: Wᵀ, gradient buffers and the optimiser's states. */
final class LayerState {
    /** Wᵀ, refreshed before each step's backward pass on the own kernels (not on the first layer). */
    final float[] transposed;

    /** Null when the optimiser's step is fused into the gradient product. */
    final float[] gradWeights;

    final float[] gradBiases;
    final ParameterState weightState;
    final ParameterState biasState;
    // Batch norm only.
    final float[] gradGamma;
    final float[] gradBeta;
    final ParameterState gammaState;
    final ParameterState betaState;

    LayerState(DenseLayer layer, boolean transposes, Optimizer optimizer) {
        int units = layer.units();
        boolean norm = layer.batchNormalised();
        boolean fused = optimizer.fusesIntoGradient();
        transposed = transposes ? new float[units * layer.inputs()] : null;
        gradWeights = fused ? null : new float[units * layer.inputs()];
        gradBiases = fused || norm ? null : new float[units];
        weightState = fused ? null : optimizer.newState(units * layer.inputs());
        biasState = fused || norm ? null : optimizer.newState(units);
        gradGamma = norm ? new float[units] : null;
        gradBeta = norm ? new float[units] : null;
        gammaState = norm ? optimizer.newState(units) : null;
        betaState = norm ? optimizer.newState(units) : null;
    }

    /** This layer's optimiser states present (weights, biases, γ, β), in that order. */
    ParameterState[] parameterStates() {
        return java.util.stream.Stream.of(weightState, biasState, gammaState, betaState)
                .filter(java.util.Objects::nonNull)
                .toArray(ParameterState[]::new);
    }
}
