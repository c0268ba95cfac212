package dev.backprop.engine;

import dev.backprop.engine.Optimizer.ParameterState;
import java.util.ArrayList;
import java.util.List;

/** What a layer keeps across a run's steps: Wᵀ, gradient buffers and the optimiser's states. */
final class LayerState {
    /** Wᵀ, refreshed before each step's backward pass on the own kernels; null on the first layer and the BLAS. */
    final float[] transposed;
    /** Null when the optimiser's step is fused into the gradient product. */
    final Stepped weights;
    /** Null when fused, or under batch norm, whose β stands in for the biases. */
    final Stepped biases;

    /** The optimiser's states of γ then β, on a batch-normalised layer; empty otherwise. */
    final List<ParameterState> normStates;

    /** A parameter's gradient, summed over the batch, and the optimiser's state that steps it. */
    record Stepped(float[] gradient, ParameterState state) {

        static Stepped of(int size, Optimizer optimizer) {
            return new Stepped(new float[size], optimizer.newState(size));
        }
    }

    LayerState(DenseLayer layer, boolean transposes, Optimizer optimizer) {
        int units = layer.units();
        boolean norm = layer.batchNormalised();
        boolean fused = optimizer.fusesIntoGradient();
        transposed = transposes ? new float[units * layer.inputs()] : null;
        weights = fused ? null : Stepped.of(units * layer.inputs(), optimizer);
        biases = fused || norm ? null : Stepped.of(units, optimizer);
        normStates = norm ? List.of(optimizer.newState(units), optimizer.newState(units)) : List.of();
    }

    /** This layer's optimiser states present (weights, biases, γ, β), in that order. */
    List<ParameterState> parameterStates() {
        List<ParameterState> all = new ArrayList<>(4);
        if (weights != null) {
            all.add(weights.state());
        }
        if (biases != null) {
            all.add(biases.state());
        }
        all.addAll(normStates);
        return all;
    }
}
