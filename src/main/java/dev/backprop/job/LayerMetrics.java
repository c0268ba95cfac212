package dev.backprop.job;

import dev.backprop.engine.LayerDiagnostics;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.List;

/** One weight layer at the end of an epoch (or after a step), measured on the job's probe of training examples. */
@Schema(description = "One weight layer measured on the probe of training examples")
public record LayerMetrics(
        @Schema(description = "1 for the first weight layer", example = "1")
        int layer,

        @Schema(description = "‖W‖, the Frobenius norm of the weights", example = "10.2")
        double weightNorm,

        @Schema(description = "‖∂C/∂W‖, C the loss averaged over the probe (no L2 term)", example = "0.066")
        double gradientNorm,

        @Schema(
                description = "‖∂C/∂b‖ averaged over the probe, Nielsen's speed of learning (chapter 5); ‖∂C/∂β‖"
                        + " under batch norm",
                example = "0.066")
        double biasGradientNorm,

        @Schema(
                description = "‖ΔW‖/‖W‖ over the last step before the measurement; null before training",
                example = "0.0011",
                nullable = true)
        Double updateRatio,

        @Schema(description = "Mean activation over the layer's units and the probe", example = "0.48")
        double activationMean,

        @Schema(description = "Standard deviation of those activations", example = "0.21")
        double activationStd,

        @Schema(
                description = "Share of sigmoid or tanh activations within 0.02 of a bound; null for other activations",
                example = "0.04",
                nullable = true)
        Double saturated,

        @Schema(
                description = "Share of ReLU units zero on every probe example; null for other activations",
                example = "0.0",
                nullable = true)
        Double dead,

        WeightHistogram weightHistogram) {

    @Schema(description = "The weights in 20 equal bins: counts[k] lie in [edges[k], edges[k+1])")
    public record WeightHistogram(
            @Schema(description = "21 bin edges, smallest weight to largest")
            double[] edges,

            @Schema(description = "20 counts, summing to the layer's number of weights")
            long[] counts) {

        // A record's own equals compares arrays by reference: a job read back would differ from itself.
        @Override
        public boolean equals(Object other) {
            return other instanceof WeightHistogram that
                    && Arrays.equals(edges, that.edges)
                    && Arrays.equals(counts, that.counts);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
        }

        @Override
        public String toString() {
            return "WeightHistogram[edges=" + Arrays.toString(edges) + ", counts=" + Arrays.toString(counts) + "]";
        }
    }

    static LayerMetrics of(LayerDiagnostics d) {
        return new LayerMetrics(
                d.layer(),
                d.weightNorm(),
                d.gradientNorm(),
                d.biasGradientNorm(),
                d.updateRatio(),
                d.activationMean(),
                d.activationStd(),
                d.saturated(),
                d.dead(),
                new WeightHistogram(
                        d.weightHistogram().edges(), d.weightHistogram().counts()));
    }

    static List<LayerMetrics> of(List<LayerDiagnostics> layers) {
        return layers.stream().map(LayerMetrics::of).toList();
    }
}
