package dev.backprop.job;

import dev.backprop.engine.EpochResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One finished epoch, as the seed's SGD prints it and more. */
@Schema(description = "Metrics of one finished epoch")
public record EpochMetrics(
        @Schema(example = "1") int epoch,

        @Schema(description = "Mean loss over the epoch's mini-batches, as they were trained", example = "0.0412")
        double trainLoss,

        @Schema(
                description = "Share of the epoch's training examples answered right, as they were trained",
                example = "0.9031")
        double trainAccuracy,

        @Schema(description = "On the held-out validation examples; null without validationSize")
        Double validationLoss,

        Double validationAccuracy,

        @Schema(description = "On the dataset's test split, after the epoch", example = "0.0301")
        Double testLoss,

        @Schema(example = "0.9153") Double testAccuracy,

        @Schema(description = "Training time of this epoch alone, without evaluation", example = "180")
        long durationMs,

        @Schema(example = "333000") double examplesPerSecond,

        @Schema(
                description = "The learning rate this epoch used, as the schedule set it; null in records older"
                        + " than schedules",
                example = "0.001")
        Double learningRate,

        @Schema(
                description = "Every weight layer measured on the probe at the epoch's end; null with diagnostics off"
                        + " and in records older than diagnostics",
                nullable = true)
        List<LayerMetrics> layers) {

    /** An epoch without per-layer diagnostics. */
    public EpochMetrics(
            int epoch,
            double trainLoss,
            double trainAccuracy,
            Double validationLoss,
            Double validationAccuracy,
            Double testLoss,
            Double testAccuracy,
            long durationMs,
            double examplesPerSecond,
            Double learningRate) {
        this(
                epoch,
                trainLoss,
                trainAccuracy,
                validationLoss,
                validationAccuracy,
                testLoss,
                testAccuracy,
                durationMs,
                examplesPerSecond,
                learningRate,
                null);
    }

    /** The same figures as a model keeps them. */
    public dev.backprop.model.ModelMetrics forModel() {
        return new dev.backprop.model.ModelMetrics(
                epoch,
                trainLoss,
                trainAccuracy,
                validationLoss,
                validationAccuracy,
                testLoss,
                testAccuracy,
                durationMs,
                examplesPerSecond);
    }

    /** The epoch's figures, with its layers as measured at its end (null for none). */
    static EpochMetrics of(EpochResult result, List<LayerMetrics> layers) {
        return new EpochMetrics(
                result.epoch(),
                result.trainLoss(),
                result.trainAccuracy(),
                result.validationLoss(),
                result.validationAccuracy(),
                result.testLoss(),
                result.testAccuracy(),
                Math.round(result.durationNanos() / 1e6),
                Math.round(result.examplesPerSecond()),
                Double.isNaN(result.learningRate()) ? null : result.learningRate(),
                layers);
    }
}
