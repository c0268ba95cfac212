package dev.backprop.job;

import dev.backprop.blob.BlobStore;
import dev.backprop.engine.Checkpoint;
import dev.backprop.resilience.StoreUnavailableException;
import dev.backprop.storage.Checksums;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One {@code checkpoints/<job id>.checkpoint} object per running job in the blob store: the engine's
 * checkpoint followed by a CRC-32, replaced after every epoch and deleted when the job ends, so that
 * whichever replica resumes the job reads the last whole epoch.
 */
@Component
class BlobCheckpointStore implements CheckpointStore {

    private static final Logger log = LoggerFactory.getLogger(BlobCheckpointStore.class);

    private final BlobStore blobs;

    BlobCheckpointStore(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public boolean durable() {
        return blobs.durable();
    }

    @Override
    public void save(String jobId, Checkpoint checkpoint) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            checkpoint.write(new DataOutputStream(bytes));
            blobs.put(key(jobId), Checksums.seal(bytes.toByteArray()));
        } catch (IOException | RuntimeException e) {
            // Training goes on; only the chance to resume from this epoch is lost.
            log.warn("Could not write the checkpoint of job {}: {}", jobId, e.getMessage());
        }
    }

    @Override
    public Optional<Checkpoint> load(String jobId) {
        try {
            Optional<byte[]> sealed = blobs.get(key(jobId));
            if (sealed.isEmpty()) {
                return Optional.empty();
            }
            byte[] content = Checksums.open(sealed.get());
            return Optional.of(Checkpoint.read(new DataInputStream(new ByteArrayInputStream(content))));
        } catch (StoreUnavailableException e) {
            // Not unreadable, only out of reach: thrown, so that the job waits for it rather than start again.
            throw e;
        } catch (IOException | RuntimeException e) {
            log.warn("The checkpoint of job {} is unreadable ({}); it will start again", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void delete(String jobId) {
        try {
            blobs.delete(key(jobId));
        } catch (RuntimeException e) {
            log.warn("Could not delete the checkpoint of job {}: {}", jobId, e.getMessage());
        }
    }

    static String key(String jobId) {
        return "checkpoints/" + jobId + ".checkpoint";
    }
}
