package dev.backprop.job;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The layers measured between epochs: before training (step 0) and every {@code everySteps} steps. */
@Schema(description = "Per-layer diagnostics between epoch ends: step 0 before training, then every everySteps steps")
public record StepMetrics(
        @Schema(description = "The epoch the step belongs to; 0 before training", example = "1")
        int epoch,

        @Schema(description = "Mini-batch steps taken since the job began", example = "500")
        long step,

        List<LayerMetrics> layers) {}
