package dev.backprop.engine;

import dev.backprop.engine.kernels.Block;
import dev.backprop.engine.kernels.DenseProducts;
import dev.backprop.engine.kernels.Gradient;
import dev.backprop.engine.kernels.Images;
import dev.backprop.engine.kernels.Loops;
import dev.backprop.engine.kernels.SparsePixels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measures a training network's layers on a fixed probe of training examples: the same forward and
 * backward pass as a training step ({@link BatchPart}, without dropout), over the whole probe as one
 * batch, then the gradients averaged over it. It never changes the network: its own buffers and
 * gradient states, and batch norm's running statistics put back after the pass.
 *
 * <p>For the update ratio it keeps a copy of the weights from before the step it will report on,
 * taken only before the steps that {@link #beforeStep} is told end an epoch or are measured.
 */
final class ProbeDiagnostics {

    private final DenseLayer[] layers;
    private final LayerState[] states;
    private final BatchPart part;
    private final ExampleSet data;
    private final int[] probe;
    private final double[] losses;
    private final float[][] weightGradients;
    private final float[][] biasGradients;
    private final float[][] weightsBefore;
    private boolean haveWeightsBefore;

    /** Probes {@code data}'s examples {@code probe} (all of them as one batch) on {@code network}. */
    ProbeDiagnostics(Network network, Loss loss, ExampleSet data, int[] probe) {
        this.layers = network.layers().toArray(DenseLayer[]::new);
        this.data = data;
        this.probe = probe.clone();
        this.losses = new double[probe.length];
        this.states = new LayerState[layers.length];
        // Fused SGD keeps no optimiser buffers: the states here only carry Wᵀ.
        Optimizer none = new Optimizer.Sgd(1);
        weightGradients = new float[layers.length][];
        biasGradients = new float[layers.length][];
        weightsBefore = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            states[l] = new LayerState(layers[l], l > 0, none);
            weightGradients[l] = new float[layers[l].units() * layers[l].inputs()];
            biasGradients[l] = new float[layers[l].units()];
            weightsBefore[l] = new float[weightGradients[l].length];
        }
        this.part = new BatchPart(layers, states, DenseProducts.OWN, loss, 0f, probe.length, null);
        part.place(0, probe.length);
    }

    /** The probe of {@code settings}: the first examples of those that train, in their order. */
    static int[] probeOf(int[] trainingExamples, DiagnosticsSettings settings) {
        return Arrays.copyOf(trainingExamples, Math.min(settings.probe(), trainingExamples.length));
    }

    /** Called before a step; keeps the weights when the measurement after it reports an update ratio. */
    void beforeStep(boolean measuredAfter) {
        if (!measuredAfter) {
            return;
        }
        for (int l = 0; l < layers.length; l++) {
            System.arraycopy(layers[l].weights.data, 0, weightsBefore[l], 0, weightsBefore[l].length);
        }
        haveWeightsBefore = true;
    }

    /** Every layer measured now; the update ratio over the step {@link #beforeStep} last kept weights for. */
    Diagnosis measure(int epoch, long step, boolean endOfEpoch) {
        float[][] running = saveRunningStatistics();
        pass();
        restoreRunningStatistics(running);
        List<LayerDiagnostics> all = new ArrayList<>(layers.length);
        for (int l = 0; l < layers.length; l++) {
            all.add(layer(l));
        }
        return new Diagnosis(epoch, step, endOfEpoch, all);
    }

    /** Forward and backward over the probe, then ∂C/∂W and ∂C/∂b averaged over it. */
    private void pass() {
        for (int l = 1; l < layers.length; l++) {
            Loops.transpose(layers[l].weights.data, layers[l].units(), layers[l].inputs(), states[l].transposed);
        }
        SparsePixels pixels = data.sparse();
        part.forwardAndBack(data, pixels, probe, 0, new Random(0), losses);
        int n = probe.length;
        float scale = 1f / n;
        for (int l = 0; l < layers.length; l++) {
            DenseLayer layer = layers[l];
            float[] delta = part.buffers[l].delta;
            float[] gradient = weightGradients[l];
            Arrays.fill(gradient, 0f);
            Gradient operands = new Gradient(delta, layer.units(), layer.inputs(), gradient);
            if (l == 0) {
                DenseProducts.OWN.addWeightGradient(
                        scale, operands, new Images(pixels, probe, 0, n), 0, layer.inputs());
            } else {
                DenseProducts.OWN.addWeightGradient(
                        scale, operands, Block.of(part.buffers[l - 1].out, n), 0, layer.inputs());
            }
            float[] bias = biasGradients[l];
            if (layer.batchNormalised()) {
                for (int j = 0; j < bias.length; j++) {
                    bias[j] = part.buffers[l].norm.gradBeta[j] * scale;
                }
            } else {
                Arrays.fill(bias, 0f);
                Loops.addColumns(scale, delta, layer.units(), n, bias);
            }
        }
    }

    private LayerDiagnostics layer(int l) {
        DenseLayer layer = layers[l];
        float[] weights = layer.weights.data;
        double weightNorm = norm(weights);
        Double updateRatio = null;
        if (haveWeightsBefore && weightNorm > 0) {
            double change = 0;
            for (int k = 0; k < weights.length; k++) {
                double d = weights[k] - weightsBefore[l][k];
                change += d * d;
            }
            updateRatio = Math.sqrt(change) / weightNorm;
        }
        ActivationSpread spread =
                ActivationSpread.of(layer.activation(), part.buffers[l].act, layer.units(), probe.length);
        return new LayerDiagnostics(
                l + 1,
                weightNorm,
                norm(weightGradients[l]),
                norm(biasGradients[l]),
                updateRatio,
                spread.mean(),
                spread.std(),
                spread.saturated(),
                spread.dead(),
                LayerDiagnostics.Histogram.of(weights));
    }

    private float[][] saveRunningStatistics() {
        float[][] saved = new float[layers.length * 2][];
        for (int l = 0; l < layers.length; l++) {
            BatchNorm norm = layers[l].batchNorm;
            if (norm != null) {
                saved[2 * l] = norm.runningMean.data.clone();
                saved[2 * l + 1] = norm.runningVariance.data.clone();
            }
        }
        return saved;
    }

    private void restoreRunningStatistics(float[][] saved) {
        for (int l = 0; l < layers.length; l++) {
            BatchNorm norm = layers[l].batchNorm;
            if (norm != null) {
                System.arraycopy(saved[2 * l], 0, norm.runningMean.data, 0, saved[2 * l].length);
                System.arraycopy(saved[2 * l + 1], 0, norm.runningVariance.data, 0, saved[2 * l + 1].length);
            }
        }
    }

    static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }
}
