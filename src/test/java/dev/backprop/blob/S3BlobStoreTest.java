package dev.backprop.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.SharedStores;
import java.util.Random;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 blob store against a real S3 API (s3proxy, in-process), path-style as for MinIO. */
class S3BlobStoreTest {

    private static S3Proxy proxy;
    private static S3BlobStore blobs;

    @BeforeAll
    static void start() throws Exception {
        proxy = SharedStores.startS3();
        blobs = new S3BlobStore(client(), "backprop-test", java.time.Duration.ofSeconds(3)).ensureBucket();
    }

    private static S3Client client() {
        return S3BlobStore.compatible(S3Client.builder().region(Region.US_EAST_1), SharedStores.endpoint(proxy))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(SharedStores.S3_ACCESS_KEY, SharedStores.S3_SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        blobs.close();
        proxy.stop();
    }

    @Test
    void anObjectComesBackByteForByteAndIsGoneOnceDeleted() {
        byte[] model = new byte[300_000];
        new Random(1).nextBytes(model);
        blobs.put("models/a.model", model);
        assertThat(blobs.get("models/a.model"))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(model));
        blobs.delete("models/a.model");
        assertThat(blobs.get("models/a.model")).isEmpty();
    }

    @Test
    void aReplacedObjectIsReadWholeOldOrWholeNew() {
        byte[] first = new byte[100_000];
        byte[] second = new byte[200_000];
        java.util.Arrays.fill(first, (byte) 1);
        java.util.Arrays.fill(second, (byte) 2);
        blobs.put("checkpoints/j.checkpoint", first);
        blobs.put("checkpoints/j.checkpoint", second);
        assertThat(blobs.get("checkpoints/j.checkpoint"))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(second));
    }

    @Test
    void aMissingObjectIsEmptyAndDeletingItIsHarmless() {
        assertThat(blobs.get("uploads/none.dataset")).isEmpty();
        blobs.delete("uploads/none.dataset");
        assertThat(blobs.durable()).isTrue();
    }

    @Test
    void aMissingBucketIsCreatedOnce() {
        S3BlobStore again = new S3BlobStore(client(), "backprop-test", java.time.Duration.ofSeconds(3)).ensureBucket();
        again.put("x", new byte[] {7});
        assertThat(blobs.get("x")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(7));
    }
}
