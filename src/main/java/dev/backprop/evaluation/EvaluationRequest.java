package dev.backprop.evaluation;

import io.swagger.v3.oas.annotations.media.Schema;

/** What to evaluate a model on; every field may be left out. */
@Schema(description = "The dataset and split to evaluate on", example = "{\"dataset\": \"mnist\", \"split\": \"test\"}")
public record EvaluationRequest(
        @Schema(description = "Dataset to evaluate on; the model's own when left out", example = "mnist")
        String dataset,

        @Schema(description = "Part of the dataset", defaultValue = "test")
        Split split,

        @Schema(description = "How many of the most confident mistakes to list, 0–1000", defaultValue = "10")
        Integer hardest) {

    static final int DEFAULT_HARDEST = 10;
    static final int MAX_HARDEST = 1000;
}
