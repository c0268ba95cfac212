package dev.backprop.blob;

import dev.backprop.resilience.StoreUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in an S3 bucket. A PUT is atomic in S3: a reader gets the whole old object or the whole
 * new one, never part of an upload, so nothing here needs a temporary name.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client s3;
    private final String bucket;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> prompt;

    /** @param readTimeout the longest a read a client waits for may take, all tries together */
    public S3BlobStore(S3Client s3, String bucket, Duration readTimeout) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prompt = call -> call.apiCallTimeout(readTimeout).apiCallAttemptTimeout(readTimeout);
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
        reaching(() -> s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content)));
    }

    @Override
    public Optional<byte[]> get(String key) {
        return get(key, call -> {});
    }

    @Override
    public Optional<byte[]> getPromptly(String key) {
        return get(key, prompt);
    }

    private Optional<byte[]> get(String key, Consumer<AwsRequestOverrideConfiguration.Builder> timeouts) {
        return reaching(() -> {
            try {
                return Optional.of(s3.getObjectAsBytes(
                                request -> request.bucket(bucket).key(key).overrideConfiguration(timeouts))
                        .asByteArray());
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void delete(String key) {
        reaching(() -> s3.deleteObject(request -> request.bucket(bucket).key(key)));
    }

    /** Whether the bucket answers now, within the read timeout; for readiness. */
    public boolean reachable() {
        try {
            reaching(() -> s3.headBucket(request -> request.bucket(bucket).overrideConfiguration(prompt)));
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    /**
     * Runs a call to the bucket (which the SDK already tries three times, with backoff); when the bucket
     * cannot be reached (refused, timed out, or answering 5xx) says so in words a client may read.
     */
    private static <T> T reaching(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkClientException e) {
            throw new StoreUnavailableException(UNREACHABLE, e);
        } catch (S3Exception e) {
            if (e.statusCode() >= 500) {
                throw new StoreUnavailableException(UNREACHABLE, e);
            }
            throw e;
        }
    }

    private static final String UNREACHABLE = "the bucket is unreachable for a moment";

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void close() {
        s3.close();
    }
}
