package dev.backprop.blob;

import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Objects in an S3 bucket. A PUT is atomic in S3: a reader gets the whole old object or the whole
 * new one, never part of an upload, so nothing here needs a temporary name.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client s3;
    private final String bucket;

    public S3BlobStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Sets a client up for an S3-compatible server at {@code endpoint}: path-style addressing (MinIO,
     * Ceph and s3proxy answer at one host, with no DNS name per bucket), and checksums only where the
     * S3 API requires them, since the SDK's newer default trailing checksums are refused by many of them.
     */
    public static S3ClientBuilder compatible(S3ClientBuilder client, URI endpoint) {
        return client.endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    /** Creates the bucket when it is missing, so that a fresh MinIO or s3proxy needs no set-up. */
    public S3BlobStore ensureBucket() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException e) {
            log.info("Bucket {} does not exist; creating it", bucket);
            s3.createBucket(request -> request.bucket(bucket));
        }
        return this;
    }

    @Override
    public void put(String key, byte[] content) {
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(request -> request.bucket(bucket).key(key))
                            .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void close() {
        s3.close();
    }
}
