package dev.backprop.model;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on pictures sent for prediction.
 *
 * @param maxPixels   most pixels (width × height) a picture may declare; checked from its header before
 *                    decoding, so that a small file claiming a huge picture is refused without decoding it
 * @param maxFileSize largest picture file accepted, checked before it is read (the multipart limits are
 *                    those of dataset uploads, far larger)
 */
@Validated
@ConfigurationProperties("backprop.images")
public record ImageProperties(
        @Positive @DefaultValue("25000000") long maxPixels,
        @DefaultValue("16MB") DataSize maxFileSize) {}
