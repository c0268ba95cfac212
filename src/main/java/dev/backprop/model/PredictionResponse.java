package dev.backprop.model;

import dev.backprop.engine.Classifier;
import io.swagger.v3.oas.annotations.media.Schema;

/** The model's answer for one image. */
@Schema(name = "Prediction", description = "The most probable label, its probability, and every class's probability")
public record PredictionResponse(
        @Schema(example = "7") int label,
        @Schema(example = "0.98") float confidence,

        @Schema(description = "One probability per class, summing to 1")
        float[] probabilities) {

    static PredictionResponse of(Classifier.Prediction prediction) {
        return new PredictionResponse(prediction.label(), prediction.confidence(), prediction.probabilities());
    }
}
