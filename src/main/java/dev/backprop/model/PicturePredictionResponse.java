package dev.backprop.model;

import dev.backprop.engine.Classifier;
import dev.backprop.image.MnistImage;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** The model's answer for a picture, with the 28×28 input the picture became. */
@Schema(
        name = "PicturePrediction",
        description = "The prediction, the 28×28 input the model saw, and how the picture was read")
public record PicturePredictionResponse(
        @Schema(example = "7") int label,
        @Schema(example = "0.98") float confidence,

        @Schema(description = "One probability per class, summing to 1")
        float[] probabilities,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "The input the model saw: 28 rows of 28 pixels, 0 (background) to 255 (ink)"))
        int[][] input,

        PictureInfo picture) {

    static PicturePredictionResponse of(Classifier.Prediction prediction, MnistImage image, String filename) {
        return new PicturePredictionResponse(
                prediction.label(),
                prediction.confidence(),
                prediction.probabilities(),
                image.rows(),
                PictureInfo.of(image, filename));
    }
}
