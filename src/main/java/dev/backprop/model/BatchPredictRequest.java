package dev.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** Many images, each 784 pixels 0–255. */
@Schema(description = "Images to classify, each 784 numbers 0–255, row-major")
public record BatchPredictRequest(double[][] images) {}
