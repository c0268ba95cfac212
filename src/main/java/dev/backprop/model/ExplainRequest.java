package dev.backprop.model;

import dev.backprop.api.RefusesUnknownFields;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/** One image to explain, as for /predict, with how to explain it. */
@RefusesUnknownFields
@Schema(
        name = "ExplainRequest",
        description = "One 28×28 image, as for /predict (`pixels` or `image`), and how to explain the prediction")
public record ExplainRequest(
        @Schema(description = "784 numbers 0–255, row-major, as in the IDX files")
        @JsonDeserialize(using = PixelArrayDeserializer.class)
        double[] pixels,

        @Schema(description = "28 rows of 28 numbers 0–255")
        @JsonDeserialize(using = PixelRowsDeserializer.ImageRows.class)
        double[][] image,

        @Schema(
                description = "How to attribute the score to the pixels",
                allowableValues = {"integrated_gradients", "saliency", "occlusion"},
                defaultValue = "integrated_gradients")
        String method,

        @Schema(description = "The class to explain; the predicted one when absent", example = "7")
        Integer target,

        @Schema(
                description =
                        "Integrated gradients' Riemann steps, " + Explanations.MIN_STEPS + "–" + Explanations.MAX_STEPS,
                defaultValue = "64")
        Integer steps,

        @Schema(
                description = "Integrated gradients' starting point: \"black\" or 784 numbers 0–255",
                oneOf = {String.class, double[].class},
                defaultValue = "black")
        JsonNode baseline) {

    PredictRequest image28() {
        return new PredictRequest(pixels, image);
    }
}
