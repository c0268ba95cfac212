package dev.backprop.job;

import dev.backprop.engine.Checkpoint;
import dev.backprop.storage.AtomicFiles;
import dev.backprop.storage.Checksums;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code <job id>.checkpoint} file per running job under {@code <storage>/checkpoints}: the
 * engine's checkpoint followed by a CRC-32, replaced atomically after every epoch and deleted when the
 * job ends.
 */
public class DiskCheckpointStore implements CheckpointStore {

    private static final Logger log = LoggerFactory.getLogger(DiskCheckpointStore.class);

    private final Path dir;

    public DiskCheckpointStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            AtomicFiles.deleteLeftovers(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the checkpoint folder " + dir, e);
        }
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void save(String jobId, Checkpoint checkpoint) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            checkpoint.write(new DataOutputStream(bytes));
            AtomicFiles.write(file(jobId), Checksums.seal(bytes.toByteArray()));
        } catch (IOException e) {
            // Training goes on; only the chance to resume from this epoch is lost.
            log.warn("Could not write the checkpoint of job {}: {}", jobId, e.getMessage());
        }
    }

    @Override
    public Optional<Checkpoint> load(String jobId) {
        Path file = file(jobId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] content = Checksums.open(Files.readAllBytes(file));
            return Optional.of(Checkpoint.read(new DataInputStream(new ByteArrayInputStream(content))));
        } catch (IOException e) {
            log.warn("The checkpoint of job {} is unreadable ({}); it will start again", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void delete(String jobId) {
        try {
            Files.deleteIfExists(file(jobId));
        } catch (IOException e) {
            log.warn("Could not delete the checkpoint of job {}: {}", jobId, e.getMessage());
        }
    }

    private Path file(String jobId) {
        return dir.resolve(jobId + ".checkpoint");
    }
}
