package dev.backprop.curve;

import dev.backprop.coordination.CoordinatedRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A learning curve as clients see it: one point per size and seed, each a training job. */
@Schema(description = "A learning curve: accuracy by training set size, each point a training job")
public record LearningCurve(
        String id,
        String name,

        @Schema(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED")
        String status,

        @Schema(description = "The request as resolved, defaults and seed filled in")
        LearningCurveRequest request,

        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<Point> points,

        @Schema(description = "A bias/variance reading of the curve, once two sizes have finished")
        String diagnosis,

        @Schema(description = "The replica that coordinates the curve")
        String worker,

        String error)
        implements CoordinatedRecord {

    public LearningCurve {
        points = points == null ? List.of() : List.copyOf(points);
    }

    /** One size and seed: its job, and the metrics of its last epoch. */
    @Schema(name = "LearningCurvePoint")
    public record Point(
            int size,
            long seed,
            int epochs,

            @Schema(description = "Training accuracy over the last epoch's mini-batches")
            Double trainAccuracy,

            Double validationAccuracy,
            Double testAccuracy,
            String jobId,

            @Schema(description = "PENDING (not yet queued), or its job's status")
            String status) {

        Point finish(String jobStatus, Double train, Double validation, Double test) {
            return new Point(size, seed, epochs, train, validation, test, jobId, jobStatus);
        }

        Point queued(String job) {
            return new Point(size, seed, epochs, null, null, null, job, "QUEUED");
        }

        boolean finished() {
            return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
        }
    }
}
