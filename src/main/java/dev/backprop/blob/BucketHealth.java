package dev.backprop.blob;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code bucket}: with an S3 bucket, DOWN while it cannot be reached (within the client's
 * timeouts), UP again on its own once it can; otherwise always UP. Part of readiness.
 */
@Component("bucket")
class BucketHealth implements HealthIndicator {

    private final BlobStore blobs;

    BucketHealth(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public Health health() {
        if (!(blobs instanceof S3BlobStore bucket)) {
            return Health.up().withDetail("type", "none").build();
        }
        return bucket.reachable()
                ? Health.up().build()
                : Health.down()
                        .withDetail("reason", "the bucket cannot be reached")
                        .build();
    }
}
