package dev.backprop.config;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on pictures sent for prediction.
 *
 * @param maxPixels most pixels (width × height) a picture may declare; checked from its header before
 *                  decoding, so that a small file claiming a huge picture is refused without decoding it
 */
@Validated
@ConfigurationProperties("backprop.images")
public record ImageProperties(
        @Positive @DefaultValue("25000000") long maxPixels) {}
