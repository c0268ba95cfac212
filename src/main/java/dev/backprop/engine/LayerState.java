package dev.backprop.engine;

import dev.backprop.engine.Optimizer.ParameterState;
import java.util.ArrayList;
import java.util.List;

/** What a layer keeps across a run's steps: Wᵀ, gradient buffers and the optimiser's states. */
final class LayerState {
    /** Wᵀ, refreshed before each step's backward pass on the own kernels; null on the first layer and the BLAS. */
    final float[] transposed;
    /** Null when the optimiser's step is fused into the gradient product. */
    final float[] gradWeights;
    /** Null when fused, or under batch norm, whose β stands in for the biases. */
    final float[] gradBiases;

    final ParameterState weightState;
    final ParameterState biasState;
    /** The optimiser's states of γ then β, on a batch-normalised layer; empty otherwise. */
    final List<ParameterState> normStates;

    LayerState(DenseLayer layer, boolean transposes, Optimizer optimizer) {
        int units = layer.units();
        boolean norm = layer.batchNormalised();
        boolean fused = optimizer.fusesIntoGradient();
        transposed = transposes ? new float[units * layer.inputs()] : null;
        gradWeights = fused ? null : new float[units * layer.inputs()];
        gradBiases = fused || norm ? null : new float[units];
        weightState = fused ? null : optimizer.newState(units * layer.inputs());
        biasState = fused || norm ? null : optimizer.newState(units);
        normStates = norm ? List.of(optimizer.newState(units), optimizer.newState(units)) : List.of();
    }

    /** This layer's optimiser states present (weights, biases, γ, β), in that order. */
    List<ParameterState> parameterStates() {
        List<ParameterState> all = new ArrayList<>(4);
        if (weightState != null) {
            all.add(weightState);
        }
        if (biasState != null) {
            all.add(biasState);
        }
        all.addAll(normStates);
        return all;
    }
}
