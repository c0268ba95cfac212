package dev.backprop.job;

import dev.backprop.engine.Checkpoint;
import java.util.Optional;

/** Where a running job's latest {@link Checkpoint} is kept, so that a restarted service can resume it. */
public interface CheckpointStore {

    /** Whether checkpoints outlive the process; only then are interrupted jobs resumed. */
    boolean durable();

    void save(String jobId, Checkpoint checkpoint);

    /** The job's checkpoint, if one was written and can be read. */
    Optional<Checkpoint> load(String jobId);

    void delete(String jobId);
}
