package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A training job as clients see it.
 *
 * @param keptEpoch        the epoch whose weights the model holds: the last, or with early stopping the best
 * @param resumedFromEpoch the completed epoch training resumed after, when a restart interrupted it
 */
@Schema(description = "A training job: its request, status, progress and per-epoch metrics")
public record Job(
        @Schema(example = "3f2b8c1e-6a4d-4e8b-9a55-0c1d2e3f4a5b")
        String id,

        @Schema(example = "seed network") String name,
        JobStatus status,

        @Schema(description = "The request as resolved, defaults filled in")
        TrainingRequest request,

        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,

        @Schema(description = "Share of the training done, 0 to 1", example = "0.37")
        double progress,

        @Schema(description = "The epoch being trained (or last trained)", example = "11")
        int currentEpoch,

        List<EpochMetrics> epochs,

        @Schema(description = "The model a successful job stored")
        String modelId,

        @Schema(description = "Why the job failed") String error,

        @Schema(description = "Seconds left, estimated from the epochs so far")
        Double etaSeconds,

        @Schema(description = "Epoch whose weights the model keeps")
        Integer keptEpoch,

        @Schema(description = "Why training ended before its last epoch: early stopping, cancellation")
        String stopReason,

        @Schema(
                description = "Set when the service stopped while the job trained: the epoch its checkpoint held, "
                        + "after which training went on when the service started again (0: it started over)")
        Integer resumedFromEpoch,

        @Schema(description = "The replica that trains or trained the job (its backprop.cluster.node-name)")
        String worker,

        @Schema(
                description = "The arithmetic that trains or trained it: vector or plain loops, native BLAS or not,"
                        + " threads",
                example = "vector-256 loops, native BLAS (JNIBLAS), 2 threads")
        String kernels,

        @Schema(
                description = "Per-layer diagnostics between epoch ends: before training (step 0) and, with"
                        + " diagnostics.everySteps, every that many steps; filled in a single job's record, empty in"
                        + " lists")
        List<StepMetrics> steps) {

    public Job {
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** This job with {@code epochs} as its finished epochs. */
    Job withEpochs(List<EpochMetrics> epochs) {
        return new Job(
                id,
                name,
                status,
                request,
                createdAt,
                startedAt,
                finishedAt,
                progress,
                currentEpoch,
                epochs,
                modelId,
                error,
                etaSeconds,
                keptEpoch,
                stopReason,
                resumedFromEpoch,
                worker,
                kernels,
                steps);
    }

    /** Bias and variance at a glance: under-fitting, over-fitting or neither, from the curves so far. */
    @JsonProperty(value = "diagnosis", access = JsonProperty.Access.READ_ONLY)
    @Schema(
            description = "Whether the training and validation curves look like under-fitting, over-fitting (with the"
                    + " epoch where validation stopped improving) or neither",
            accessMode = Schema.AccessMode.READ_ONLY)
    public String diagnosis() {
        return FitDiagnosis.of(epochs);
    }
}
