package dev.backprop.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The training queue and the limits on what a request may ask for.
 *
 * @param maxConcurrentJobs jobs that train at once; the rest wait as QUEUED
 * @param queueCapacity     jobs that may wait; one more is refused with 429
 * @param maxParameters     largest network accepted, in weights and biases; refused before allocating
 * @param maxEpochs         most epochs one job may ask for
 * @param maxBatchSize      largest mini-batch one job may ask for
 * @param threadsPerJob     threads one job may train with, 1 or 2 (the results are the same bit for bit
 *                          either way)
 */
@Validated
@ConfigurationProperties("backprop.training")
public record TrainingProperties(
        @Positive @Max(64) @DefaultValue("1") int maxConcurrentJobs,
        @PositiveOrZero @DefaultValue("100") int queueCapacity,
        @Positive @DefaultValue("5000000") long maxParameters,
        @Positive @DefaultValue("1000") int maxEpochs,
        @Positive @DefaultValue("10000") int maxBatchSize,
        @Positive @Max(2) @DefaultValue("2") int threadsPerJob) {}
