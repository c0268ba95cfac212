package dev.backprop.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Built-in datasets.
 *
 * @param dir      where {@code mnist/} and {@code fashion-mnist/} are looked up and cached
 *                 (default {@code ${backprop.storage.dir}/datasets}, set in application.properties)
 * @param download fetch a missing built-in dataset from its public mirrors on first use
 */
@Validated
@ConfigurationProperties("backprop.datasets")
public record DatasetProperties(
        @NotNull Path dir, @DefaultValue("true") boolean download) {}
