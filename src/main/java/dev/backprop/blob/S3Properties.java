package dev.backprop.blob;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * An S3 bucket for the blobs, shared by every replica. Credentials come from the AWS SDK's default
 * chain ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, profiles, instance roles).
 *
 * @param bucket   the bucket; unset keeps the blobs in {@code backprop.storage.dir}
 * @param endpoint an S3-compatible server (MinIO, Ceph, s3proxy); addressed path-style when set
 * @param region   the bucket's region
 * @param timeout  the longest one call to the bucket may take (each of the SDK's tries a third of it),
 *                 so that a bucket that stops answering costs training seconds, not minutes; long
 *                 enough for a large upload
 * @param readTimeout the longest a read that a client waits for (an uncached model for a prediction or
 *                 an export) or the readiness check may take: a bucket that accepts connections but
 *                 does not answer costs such a request this, then a 503, rather than the long timeout
 */
@Validated
@ConfigurationProperties("backprop.storage.s3")
public record S3Properties(
        String bucket,
        URI endpoint,
        @NotBlank @DefaultValue("us-east-1") String region,
        @DefaultValue("30s") java.time.Duration timeout,
        @DefaultValue("3s") java.time.Duration readTimeout) {

    boolean enabled() {
        return bucket != null && !bucket.isBlank();
    }
}
