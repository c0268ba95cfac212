package dev.backprop.job;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads back the stored records at start-up: a job that was queued is queued again, and one that was
 * running when the process died (or was stopped) resumes after its last checkpointed epoch, so that
 * no job is left RUNNING.
 */
@Component
class JobRecovery {

    private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);

    private final JobStore store;
    private final JobRegistry registry;
    private final Clock clock = Clock.systemUTC();

    JobRecovery(JobStore store, JobRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    void recover(Consumer<TrainingJob> enqueue) {
        List<Job> stored = store.loadAll().stream()
                .sorted(Comparator.comparing(Job::createdAt))
                .toList();
        for (Job record : stored) {
            TrainingJob job = new TrainingJob(record, clock);
            registry.add(job);
            if (record.status() == JobStatus.RUNNING) {
                // The process died while it trained: it goes on from its last checkpoint.
                job.interrupted(record.epochs().size());
                log.info("Job {} was training when the service stopped; it resumes from its checkpoint", job.id());
            }
            if (job.status() == JobStatus.QUEUED) {
                try {
                    enqueue.accept(job);
                } catch (RejectedExecutionException e) {
                    job.failed("could not be queued again after a restart: the queue was full");
                    registry.persist(job);
                }
            }
        }
        if (!stored.isEmpty()) {
            log.info("Recovered {} job records", stored.size());
        }
    }
}
