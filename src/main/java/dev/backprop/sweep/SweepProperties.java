package dev.backprop.sweep;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of hyperparameter sweeps.
 *
 * @param maxTrials the most trials one sweep may ask for
 */
@Validated
@ConfigurationProperties("backprop.sweeps")
public record SweepProperties(@Positive @DefaultValue("100") int maxTrials) {}
