package dev.backprop.job;

import dev.backprop.api.NotFoundException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The jobs this service knows, live, and their stored records, written after every change. */
@Component
class JobRegistry {

    private static final Logger log = LoggerFactory.getLogger(JobRegistry.class);

    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    private final JobStore store;

    JobRegistry(JobStore store) {
        this.store = store;
    }

    void add(TrainingJob job) {
        jobs.put(job.id(), job);
    }

    void remove(String id) {
        jobs.remove(id);
    }

    /** @throws NotFoundException when no job has this id */
    TrainingJob find(String id) {
        TrainingJob job = jobs.get(id);
        if (job == null) {
            throw new NotFoundException("job", id);
        }
        return job;
    }

    Collection<TrainingJob> all() {
        return jobs.values();
    }

    long count(JobStatus status) {
        return jobs.values().stream().filter(job -> job.status() == status).count();
    }

    /** Stores the job's latest state; a failure is logged, since training should not stop for it. */
    void persist(TrainingJob job) {
        // One save at a time per job, each of the latest state, so that an older snapshot never lands last.
        synchronized (job) {
            try {
                store.save(job.snapshot());
            } catch (RuntimeException e) {
                log.error("Could not store the record of job {}", job.id(), e);
            }
        }
    }
}
