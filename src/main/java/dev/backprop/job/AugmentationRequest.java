package dev.backprop.job;

import dev.backprop.engine.augment.Augmentation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How the training images are distorted, afresh every epoch and seeded (Simard, Steinkraus and Platt,
 * 2003). Any subset; validation and test images are never distorted.
 */
@Schema(
        description = "Distortions of the training images, fresh every epoch and seeded; training examples only",
        example = "{\"shift\": 2, \"rotation\": 10, \"scale\": 0.1, \"elastic\": {\"alpha\": 34, \"sigma\": 5}}")
public record AugmentationRequest(
        @Schema(description = "Random shifts by up to this many whole pixels each way", defaultValue = "0")
        @PositiveOrZero
        @Max(14)
        Integer shift,

        @Schema(description = "Random rotations by up to ± this many degrees", defaultValue = "0")
        @DecimalMin("0")
        @DecimalMax("180")
        Double rotation,

        @Schema(description = "Random scaling by up to ± this fraction (0.1: 90% to 110%)", defaultValue = "0")
        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        Double scale,

        @Schema(
                description = "Elastic distortion: a random displacement field smoothed by a Gaussian of σ pixels,"
                        + " scaled by α")
        @Valid
        Elastic elastic) {

    /** Simard's elastic distortion. */
    public record Elastic(
            @Schema(description = "α, the field's scale in pixels before smoothing", example = "34")
            @NotNull
            @DecimalMin("0")
            @DecimalMax("1000")
            Double alpha,

            @Schema(description = "σ of the smoothing Gaussian, in pixels", example = "5")
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            @DecimalMax("28")
            Double sigma) {}

    /** The engine's augmentation; call on a request that passed validation. */
    Augmentation engine() {
        return new Augmentation(
                shift == null ? 0 : shift,
                rotation == null ? 0 : rotation,
                scale == null ? 0 : scale,
                elastic == null ? null : new Augmentation.Elastic(elastic.alpha(), elastic.sigma()));
    }
}
