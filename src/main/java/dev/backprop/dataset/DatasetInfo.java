package dev.backprop.dataset;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the dataset list says about one dataset. */
@Schema(name = "Dataset", description = "A dataset a training job can name")
public record DatasetInfo(
        @Schema(example = "mnist") String id,

        @Schema(example = "Handwritten digits 0–9 (LeCun, Cortes and Burges)")
        String description,

        @Schema(description = "true for mnist and fashion-mnist, false for uploads")
        boolean builtIn,

        @Schema(description = "whether a job can train on it now")
        boolean available,

        @Schema(example = "60000") int trainingSize,
        @Schema(example = "10000") int testSize,
        @Schema(example = "28") int height,
        @Schema(example = "28") int width,
        @Schema(example = "10") int classes,

        @Schema(description = "why it is not available, and what to do about it")
        String unavailableReason) {}
