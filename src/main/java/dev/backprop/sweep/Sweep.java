package dev.backprop.sweep;

import dev.backprop.coordination.CoordinatedRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A sweep as clients see it: its trials, the best of them, and what early stopping saved. */
@Schema(description = "A hyperparameter sweep: its trials (each a training job), the best trial and totals")
public record Sweep(
        String id,
        String name,

        @Schema(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED")
        String status,

        @Schema(description = "The request as resolved, defaults and seed filled in")
        SweepRequest request,

        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<Trial> trials,
        Best best,
        @Schema(description = "Trials started so far") int trialsRun,

        @Schema(description = "Epochs the trials have trained")
        int epochsTrained,

        @Schema(description = "Epochs early stopping spared the stopped trials")
        int epochsSaved,

        @Schema(description = "Epochs every trial trained in full would take")
        int epochsBudget,

        @Schema(description = "Seconds from start to finish (or until now)")
        Double wallTimeSeconds,

        @Schema(description = "The replica that runs the sweep")
        String worker,

        String error)
        implements CoordinatedRecord {

    public Sweep {
        trials = trials == null ? List.of() : List.copyOf(trials);
    }

    /** One trial: a training job with its parameters and its objective by epoch. */
    @Schema(name = "SweepTrial")
    public record Trial(
            int index,
            String jobId,
            Map<String, Object> parameters,

            @Schema(description = "RUNNING, COMPLETED, STOPPED (by early stopping), FAILED or CANCELLED")
            String status,

            @Schema(description = "The objective at its last epoch")
            Double objective,

            List<Double> objectiveByEpoch,

            @Schema(description = "The epoch early stopping stopped it after")
            Integer stoppedAtEpoch,

            String stopReason) {}

    /** The trial with the best objective, its model and its test accuracy (never used to choose it). */
    @Schema(name = "SweepBest")
    public record Best(
            int index,
            String jobId,
            String modelId,
            Map<String, Object> parameters,
            Double objective,
            Double testAccuracy) {}
}
