package dev.backprop.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on request bodies other than uploads (multipart has its own {@code spring.servlet.multipart.*}).
 *
 * @param maxBodySize       largest JSON body accepted; larger ones get a 413 problem before they are read
 *                          (a batch of 10,000 images is about 35 MB of JSON)
 * @param bodyTimeout       longest a body may take to arrive whole; a slower one gets a 408 problem
 * @param maxBufferedBodies memory the small bodies still arriving may take together; past it a request
 *                          gets 429
 * @param gatheredBodySize  bodies up to this size are gathered whole, holding no thread, before parsing
 * @param maxLargeBodies    larger bodies (or of unknown length) being read at once; past it a request gets 429
 */
@ConfigurationProperties("backprop.http")
public record HttpProperties(
        @DefaultValue("64MB") DataSize maxBodySize,
        @DefaultValue("30s") Duration bodyTimeout,
        @DefaultValue("128MB") DataSize maxBufferedBodies,
        @DefaultValue("1MB") DataSize gatheredBodySize,
        @DefaultValue("16") int maxLargeBodies) {}
