package dev.backprop.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on request bodies other than uploads (multipart has its own {@code spring.servlet.multipart.*}).
 *
 * @param maxBodySize largest JSON body accepted; larger ones get a 413 problem before they are read
 *                    (a batch of 10,000 images is about 35 MB of JSON)
 */
@ConfigurationProperties("backprop.http")
public record HttpProperties(@DefaultValue("64MB") DataSize maxBodySize) {}
