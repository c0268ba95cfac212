package dev.backprop.blob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The blob store the storage properties ask for: an S3 bucket, the storage folder, or memory. */
@Configuration(proxyBeanMethods = false)
class BlobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BlobConfiguration.class);

    @Bean
    BlobStore blobStore(StorageProperties storage, S3Properties s3, Environment environment) {
        if (s3.enabled()) {
            S3ClientBuilder client = S3Client.builder()
                    .region(Region.of(s3.region()))
                    .overrideConfiguration(calls -> calls.apiCallTimeout(s3.timeout())
                            .apiCallAttemptTimeout(s3.timeout().dividedBy(3)));
            if (s3.endpoint() != null) {
                S3BlobStore.compatible(client, s3.endpoint());
            }
            log.info("Blobs in S3 bucket {}{}", s3.bucket(), s3.endpoint() == null ? "" : " at " + s3.endpoint());
            return new S3BlobStore(client.build(), s3.bucket(), s3.readTimeout()).ensureBucket();
        }
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            // Replicas sharing the records but not the blobs would list models they cannot load.
            log.warn(
                    "Records are in a shared database but blobs in {}: replicas must share that folder,"
                            + " or set backprop.storage.s3.bucket",
                    storage.onDisk() ? storage.dir().toAbsolutePath() : "memory");
        }
        return storage.onDisk() ? new LocalBlobStore(storage.dir()) : new MemoryBlobStore();
    }
}
