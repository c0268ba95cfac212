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

    /** No checkpoints: with the memory store nothing outlives the process anyway. */
    static CheckpointStore none() {
        return new CheckpointStore() {
            @Override
            public boolean durable() {
                return false;
            }

            @Override
            public void save(String jobId, Checkpoint checkpoint) {
                // Nothing to resume in a process that keeps nothing.
            }

            @Override
            public Optional<Checkpoint> load(String jobId) {
                return Optional.empty();
            }

            @Override
            public void delete(String jobId) {
                // Nothing was kept.
            }
        };
    }
}
