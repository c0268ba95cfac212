package dev.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonDeserialize;

/** One 28×28 image, as 784 pixels or as 28 rows of 28; 0 is background, 255 is ink. */
@Schema(
        description =
                "One 28×28 image: either `pixels` (784 numbers, row-major) or `image` (28 rows of 28), each 0–255")
public record PredictRequest(
        @Schema(description = "784 numbers 0–255, row-major, as in the IDX files")
        @JsonDeserialize(using = PixelArrayDeserializer.class)
        double[] pixels,

        @Schema(description = "28 rows of 28 numbers 0–255")
        @JsonDeserialize(using = PixelRowsDeserializer.ImageRows.class)
        double[][] image) {}
