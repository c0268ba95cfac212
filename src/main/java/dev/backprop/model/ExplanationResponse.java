package dev.backprop.model;

import dev.backprop.engine.Classifier;
import dev.backprop.engine.Explainer;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;

/** Why a model gave a class its score: one attribution per pixel, with the scores they account for. */
@Schema(name = "Explanation", description = "Per-pixel attributions of the target class's score")
public record ExplanationResponse(
        @Schema(description = "The predicted class", example = "7")
        int label,

        @Schema(description = "The class explained", example = "7")
        int target,

        @Schema(
                example = "integrated_gradients",
                allowableValues = {"integrated_gradients", "saliency", "occlusion"})
        String method,

        @Schema(
                description = "The output explained: the target's logit (softmax outputs) or its probability",
                allowableValues = {"logit", "probability"},
                example = "logit")
        String scoredOn,

        @Schema(description = "One probability per class, as /predict answers them")
        float[] probabilities,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "28 rows of 28 attributions: positive for evidence for the target,"
                                        + " negative against"))
        float[][] attributions,

        @Schema(description = "The baseline's score (integrated gradients only)", example = "-1.3", nullable = true)
        Double baselineScore,

        @Schema(description = "The input's score", example = "9.7")
        float score,

        @Schema(
                description = "|Σ attributions − (score − baselineScore)| (integrated gradients only)",
                example = "0.004",
                nullable = true)
        Double completenessError,

        @ArraySchema(
                arraySchema =
                        @Schema(description = "The input explained: 28 rows of 28 pixels, 0 (background) to 255 (ink)"))
        int[][] input) {

    static ExplanationResponse of(
            Classifier.Prediction prediction, String method, Explainer.Explanation explanation, float[] input) {
        int side = ModelInput.SIDE;
        float[][] attributions = new float[side][side];
        int[][] rows = new int[side][side];
        for (int i = 0; i < side * side; i++) {
            attributions[i / side][i % side] = explanation.attributions()[i];
            rows[i / side][i % side] = Math.round(input[i] * 255);
        }
        return new ExplanationResponse(
                prediction.label(),
                explanation.target(),
                method,
                explanation.scoredOn().name().toLowerCase(Locale.ROOT),
                prediction.probabilities(),
                attributions,
                orNull(explanation.baselineScore()),
                explanation.score(),
                orNull(explanation.completenessError()),
                rows);
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
