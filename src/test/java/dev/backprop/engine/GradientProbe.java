package dev.backprop.engine;

import dev.backprop.engine.kernels.NativeBlas;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reads the gradient off the production training step: one step of an optimiser whose move is exactly
 * {@code −g} (SGD with η = 1, whose update is fused into the weight-gradient product, or momentum 0 with
 * η = 1, which goes through the optimiser's own update) leaves {@code w − w' = g}, up to rounding.
 */
final class GradientProbe {

    private GradientProbe() {}

    /** The two update paths: fused SGD, and a gradient buffer handed to the optimiser. */
    enum UpdatePath {
        FUSED_SGD(new Optimizer.Sgd(1)),
        OPTIMISER(new Optimizer.Momentum(1, 0));

        final Optimizer optimizer;

        UpdatePath(Optimizer optimizer) {
            this.optimizer = optimizer;
        }
    }

    /**
     * The gradient of the batch's mean cost plus the L2 term with respect to every layer's weights,
     * biases, then γ and β where present ({@link #parameters}' order), as one training step applies it.
     */
    static float[][] gradients(
            Network network,
            TrainingConfig config,
            UpdatePath path,
            NativeBlas blas,
            ExampleSet data,
            int[] examples,
            Random random) {
        Network moved = network.copy();
        TrainingConfig probe = config.toBuilder().optimizer(path.optimizer).build();
        try (MiniBatchStep step = new MiniBatchStep(moved, probe, examples.length, 1, blas)) {
            step.train(data, examples, 0, examples.length, random);
        }
        float[][] before = parameters(network);
        float[][] after = parameters(moved);
        float[][] gradients = new float[before.length][];
        for (int p = 0; p < before.length; p++) {
            gradients[p] = new float[before[p].length];
            for (int k = 0; k < before[p].length; k++) {
                gradients[p][k] = before[p][k] - after[p][k];
            }
        }
        return gradients;
    }

    /** Weights, biases, γ, β of every layer: the arrays themselves, so a test can nudge one. */
    static float[][] parameters(Network network) {
        List<float[]> parameters = new ArrayList<>();
        for (DenseLayer layer : network.layers()) {
            parameters.add(layer.weights.data);
            parameters.add(layer.batchNormalised() ? new float[0] : layer.biases.data);
            if (layer.batchNormalised()) {
                parameters.add(layer.batchNorm.gamma.data);
                parameters.add(layer.batchNorm.beta.data);
            }
        }
        return parameters.toArray(float[][]::new);
    }
}
