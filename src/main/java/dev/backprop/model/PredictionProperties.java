package dev.backprop.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on prediction requests, and the models kept loaded for them.
 *
 * @param maxBatchSize   most images one {@code /predict/batch} request may carry
 * @param modelCacheSize most models one replica keeps loaded; the least recently used goes first
 * @param modelRecheck   how long a loaded model answers before its record is checked again, so that a
 *                       model deleted at another replica stops answering here
 */
@Validated
@ConfigurationProperties("backprop.prediction")
public record PredictionProperties(
        @Positive @DefaultValue("10000") int maxBatchSize,
        @Positive @DefaultValue("32") int modelCacheSize,
        @NotNull @DefaultValue("1s") Duration modelRecheck) {}
