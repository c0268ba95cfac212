package dev.backprop.evaluation;

import io.swagger.v3.oas.annotations.media.Schema;

/** One mistake the model made, and how sure of it it was. */
@Schema(description = "A wrongly classified example")
public record HardExample(
        @Schema(description = "Its position in the split, from 0, as in the dataset's files", example = "4176")
        int index,

        @Schema(description = "Its true label", example = "2")
        int label,

        @Schema(description = "The label the model gave it", example = "7")
        int predicted,

        @Schema(description = "The probability the model gave its wrong label", example = "0.998")
        float confidence) {}
