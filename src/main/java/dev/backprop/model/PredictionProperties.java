package dev.backprop.model;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on prediction requests.
 *
 * @param maxBatchSize most images one {@code /predict/batch} request may carry
 */
@Validated
@ConfigurationProperties("backprop.prediction")
public record PredictionProperties(
        @Positive @DefaultValue("10000") int maxBatchSize) {}
