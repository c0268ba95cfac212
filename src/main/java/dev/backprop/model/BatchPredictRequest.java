package dev.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonDeserialize;

/** Many images, each 784 pixels 0–255. */
@Schema(description = "Images to classify, each 784 numbers 0–255, row-major")
public record BatchPredictRequest(
        @JsonDeserialize(using = PixelRowsDeserializer.BatchImages.class)
        double[][] images) {}
