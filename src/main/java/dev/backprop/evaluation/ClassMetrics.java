package dev.backprop.evaluation;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How well one class was recognised. Precision is null for a class the model never predicted, recall for
 * one with no examples, and F1 when either is.
 */
@Schema(description = "Precision, recall and F1 of one class")
public record ClassMetrics(
        @Schema(example = "7") int label,

        @Schema(description = "Examples whose true label this is", example = "1028")
        int support,

        @Schema(description = "Examples the model gave this label", example = "1019")
        int predicted,

        @Schema(description = "Of those given this label, the share that have it", example = "0.9588")
        Double precision,

        @Schema(description = "Of those that have this label, the share given it", example = "0.9504")
        Double recall,

        @Schema(description = "Harmonic mean of precision and recall", example = "0.9546")
        Double f1) {}
