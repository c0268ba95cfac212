package dev.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** The metrics of the epoch whose weights a model holds, as its job recorded them. */
@Schema(description = "Metrics of the epoch whose weights the model holds")
public record ModelMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        Double validationLoss,
        Double validationAccuracy,
        Double testLoss,
        Double testAccuracy,
        long durationMs,
        double examplesPerSecond) {}
