package dev.backprop.job;

import java.util.List;

/** Where job records are kept between restarts. */
public interface JobStore {

    /** Replaces the stored record of this job with {@code job}. */
    void save(Job job);

    /** Every stored record, in no particular order. */
    List<Job> loadAll();

    /** A store that forgets everything when the JVM stops ({@code backprop.storage.type=memory}). */
    static JobStore inMemory() {
        return new JobStore() {
            @Override
            public void save(Job job) {
                // The job service holds the live jobs; nothing outlives the process.
            }

            @Override
            public List<Job> loadAll() {
                return List.of();
            }
        };
    }
}
