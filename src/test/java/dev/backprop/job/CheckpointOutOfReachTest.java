package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.SharedStores;
import dev.backprop.blob.S3BlobStore;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.Checkpoint;
import dev.backprop.engine.Examples;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.engine.TrainingMonitor;
import dev.backprop.resilience.StoreUnavailableException;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A checkpoint the bucket cannot hand over right now is out of reach, not unreadable: the replica that
 * resumes the job waits for it (the runner retries a store that is away) instead of training the job
 * again from its first epoch. Against a real S3 API (s3proxy, in-process) that is stopped.
 */
class CheckpointOutOfReachTest {

    @Test
    void aCheckpointInAStoppedBucketIsOutOfReachAndADamagedOneIsUnreadable() throws Exception {
        S3Proxy proxy = SharedStores.startS3();
        S3Client client = S3BlobStore.compatible(
                        S3Client.builder().region(Region.US_EAST_1), SharedStores.endpoint(proxy))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(SharedStores.S3_ACCESS_KEY, SharedStores.S3_SECRET_KEY)))
                .build();
        try (S3BlobStore blobs = new S3BlobStore(client, "checkpoints-test", Duration.ofSeconds(2)).ensureBucket()) {
            BlobCheckpointStore checkpoints = new BlobCheckpointStore(blobs);
            checkpoints.save("job-1", secondEpochCheckpoint());
            assertThat(checkpoints.load("job-1"))
                    .hasValueSatisfying(c -> assertThat(c.epoch()).isEqualTo(2));

            blobs.put("checkpoints/job-2.checkpoint", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            assertThat(checkpoints.load("job-2"))
                    .as("a damaged checkpoint: start again")
                    .isEmpty();

            proxy.stop();
            assertThatThrownBy(() -> checkpoints.load("job-1"))
                    .as("the bucket away: wait, do not start again")
                    .isInstanceOf(StoreUnavailableException.class);
        } finally {
            if (!"STOPPED".equals(proxy.getState())) {
                proxy.stop();
            }
        }
    }

    private static Checkpoint secondEpochCheckpoint() {
        TrainingConfig config = TrainingConfig.builder(Architecture.of(20, 8, 3))
                .initializer(Initializer.NORMAL)
                .loss(Loss.QUADRATIC)
                .optimizer(new Optimizer.Sgd(3))
                .epochs(3)
                .batchSize(10)
                .seed(4)
                .build();
        Checkpoint[] kept = new Checkpoint[1];
        var data = Examples.random(100, 20, 3, 5);
        new Trainer(config).train(data, data, new TrainingMonitor() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
                if (checkpoint.epoch() == 2) {
                    kept[0] = checkpoint;
                }
            }
        });
        return kept[0];
    }
}
