package dev.backprop.evaluation;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** How a model does on a dataset split, in aggregate, per class, and at its worst. */
@Schema(description = "Accuracy, loss, confusion matrix, per-class metrics and the most confident mistakes")
public record EvaluationReport(
        String modelId,
        @Schema(example = "mnist") String dataset,
        @Schema(example = "test") Split split,

        @Schema(description = "The loss the model was trained with, used for meanLoss", example = "quadratic")
        String loss,

        @Schema(description = "Examples evaluated", example = "10000")
        int count,

        @Schema(description = "Examples given their true label", example = "9521")
        int correct,

        @Schema(example = "0.9521") double accuracy,
        @Schema(example = "0.0412") double meanLoss,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "confusionMatrix[t][p]: examples of true label t given label p (rows = true"
                                                + " label, columns = predicted)"))
        int[][] confusionMatrix,

        @Schema(description = "Precision, recall and F1 of every class, in label order")
        List<ClassMetrics> classes,

        @Schema(description = "The most confident mistakes, surest first")
        List<HardExample> hardestExamples,

        @Schema(description = "Time the evaluation took", example = "45")
        long durationMs) {}
