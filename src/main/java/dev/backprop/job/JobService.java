package dev.backprop.job;

import dev.backprop.api.ApiException;
import dev.backprop.api.Problems;
import dev.backprop.config.TrainingProperties;
import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.DatasetCatalog;
import dev.backprop.dataset.DatasetUsage;
import dev.backprop.engine.Checkpoint;
import dev.backprop.engine.EpochResult;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingDivergedException;
import dev.backprop.engine.TrainingMonitor;
import dev.backprop.engine.TrainingResult;
import dev.backprop.model.ModelFile;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.ModelStore;
import dev.backprop.model.StoredModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Accepts training jobs, runs them on the training pool (its own threads, {@code max-concurrent-jobs}
 * of them, with a queue of {@code queue-capacity}), and keeps their records.
 *
 * <p>At start-up it reads back the stored records: a job that was queued is queued again, and one that
 * was running when the process died (or was stopped) resumes after its last checkpointed epoch, so no
 * job is left RUNNING.
 */
@Service
public class JobService implements DisposableBean, DatasetUsage {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    /** How often, at most, a running job reports progress between epochs. */
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final JobStore store;
    private final CheckpointStore checkpoints;
    private final ModelStore models;
    private final DatasetCatalog datasets;
    private final JobEvents events;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    /** The pool's task of each queued job, so that cancelling one frees its place in the queue. */
    private final Map<String, Runnable> waiting = new ConcurrentHashMap<>();

    private final SecureRandom seeds = new SecureRandom();
    private final TrainingMetrics metrics;
    private final int threadsPerJob;
    private volatile boolean shuttingDown;

    JobService(
            JobStore store,
            ModelStore models,
            DatasetCatalog datasets,
            JobEvents events,
            TrainingProperties properties,
            MeterRegistry registry,
            CheckpointStore checkpoints) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.models = models;
        this.datasets = datasets;
        this.events = events;
        this.clock = Clock.systemUTC();
        this.pool = trainingPool(properties);
        this.threadsPerJob = properties.threadsPerJob();
        this.metrics = new TrainingMetrics(registry, this::count);
        recover();
    }

    private long count(JobStatus status) {
        return jobs.values().stream().filter(job -> job.status() == status).count();
    }

    private static ThreadPoolExecutor trainingPool(TrainingProperties properties) {
        int threads = properties.maxConcurrentJobs();
        BlockingQueue<Runnable> queue = properties.queueCapacity() == 0
                ? new SynchronousQueue<>()
                : new LinkedBlockingQueue<>(properties.queueCapacity());
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                queue,
                runnable -> new Thread(runnable, "training-" + count.incrementAndGet()));
    }

    private void recover() {
        List<Job> stored = store.loadAll().stream()
                .sorted(Comparator.comparing(Job::createdAt))
                .toList();
        for (Job record : stored) {
            TrainingJob job = new TrainingJob(record, clock);
            jobs.put(job.id(), job);
            if (record.status() == JobStatus.RUNNING) {
                // The process died while it trained: it goes on from its last checkpoint.
                job.interrupted(record.epochs().size());
                log.info("Job {} was training when the service stopped; it resumes from its checkpoint", job.id());
            }
            if (job.status() == JobStatus.QUEUED) {
                try {
                    enqueue(job);
                } catch (RejectedExecutionException e) {
                    job.failed("could not be queued again after a restart: the queue was full");
                    persist(job);
                }
            }
        }
        if (!stored.isEmpty()) {
            log.info("Recovered {} job records", stored.size());
        }
    }

    /**
     * Queues a validated request.
     *
     * @throws ApiException 429 when the queue is full
     */
    public Job submit(TrainingRequest request) {
        TrainingRequest resolved = request.withDefaults(seeds.nextLong() & Long.MAX_VALUE);
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), resolved, clock);
        jobs.put(job.id(), job);
        try {
            enqueue(job);
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
            throw new ApiException(
                            Problems.QUEUE_FULL,
                            "the training queue is full (" + pool.getQueue().size()
                                    + " jobs waiting); try again when a job has finished")
                    .withHeader("Retry-After", "30");
        }
        persist(job);
        log.info("Job {} queued: {} on {}", job.id(), resolved.layers(), resolved.dataset());
        return job.snapshot();
    }

    private void enqueue(TrainingJob job) {
        Runnable task = () -> {
            waiting.remove(job.id());
            run(job);
        };
        waiting.put(job.id(), task);
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            waiting.remove(job.id());
            throw e;
        }
    }

    public Job get(String id) {
        return find(id).snapshot();
    }

    /** Every job, newest first. */
    public List<Job> list() {
        return jobs.values().stream()
                .map(TrainingJob::snapshot)
                .sorted(Comparator.comparing(Job::createdAt).reversed().thenComparing(Job::id))
                .toList();
    }

    /** @throws ApiException 409 when the job has already finished */
    public Job cancel(String id) {
        TrainingJob job = find(id);
        if (!job.requestCancel()) {
            throw ApiException.conflict("job " + id + " has already finished (" + job.status() + ")")
                    .withProperty("status", job.status());
        }
        if (job.status() == JobStatus.CANCELLED) {
            checkpoints.delete(id);
            Runnable task = waiting.remove(id);
            if (task != null) {
                pool.remove(task);
            }
            persist(job);
            events.status(job.snapshot());
        }
        return job.snapshot();
    }

    @Override
    public List<String> unfinishedJobsUsing(String dataset) {
        return jobs.values().stream()
                .filter(job ->
                        !job.status().finished() && dataset.equals(job.request().dataset()))
                .map(TrainingJob::id)
                .sorted()
                .toList();
    }

    SseEmitter events(String id) {
        TrainingJob job = find(id);
        return events.subscribe(id, job::snapshot);
    }

    private TrainingJob find(String id) {
        TrainingJob job = jobs.get(id);
        if (job == null) {
            throw ApiException.notFound("job", id);
        }
        return job;
    }

    private void run(TrainingJob job) {
        if (!job.start()) {
            return;
        }
        persist(job);
        events.status(job.snapshot());
        TrainingRequest request = job.request();
        try {
            Dataset dataset = datasets.load(request.dataset());
            Trainer trainer = new Trainer(request.toConfig(), threadsPerJob);
            Optional<Checkpoint> checkpoint =
                    job.resumedFromEpoch() == null ? Optional.empty() : checkpoints.load(job.id());
            TrainingResult result;
            if (checkpoint.isPresent()) {
                job.resumeFrom(checkpoint.get().epoch());
                log.info(
                        "Job {} resumed after epoch {}",
                        job.id(),
                        checkpoint.get().epoch());
                result = trainer.resume(checkpoint.get(), dataset.training(), dataset.test(), new JobMonitor(job));
            } else {
                if (job.resumedFromEpoch() != null) {
                    job.resumeFrom(0);
                }
                log.info("Job {} started", job.id());
                result = trainer.train(dataset.training(), dataset.test(), new JobMonitor(job));
            }
            switch (result.outcome()) {
                case CANCELLED -> {
                    if (!shuttingDown) {
                        job.cancelled();
                    } else if (checkpoints.durable()) {
                        job.interrupted(result.epochs().size());
                        persist(job);
                        log.info("Job {} interrupted by shutdown; it resumes at the next start", job.id());
                        return;
                    } else {
                        job.failed("interrupted: the service shut down during epoch "
                                + (result.epochs().size() + 1) + "; submit the job again to retrain");
                    }
                }
                case COMPLETED, EARLY_STOPPED -> {
                    StoredModel model = storeModel(job, result);
                    job.succeeded(
                            model.id(),
                            result.keptEpoch(),
                            result.outcome() == TrainingResult.Outcome.EARLY_STOPPED
                                    ? "early stopping: no better validation accuracy for "
                                            + request.earlyStoppingPatience() + " epochs; kept epoch "
                                            + result.keptEpoch()
                                    : null);
                }
            }
        } catch (TrainingDivergedException e) {
            job.failed(e.getMessage());
        } catch (RuntimeException e) {
            log.error("Job {} failed", job.id(), e);
            job.failed(e.getMessage() == null ? "training failed unexpectedly; see the service log" : e.getMessage());
        }
        checkpoints.delete(job.id());
        Job done = job.snapshot();
        persist(job);
        events.status(done);
        log.info("Job {} {}{}", job.id(), done.status(), done.error() == null ? "" : ": " + done.error());
    }

    private StoredModel storeModel(TrainingJob job, TrainingResult result) {
        TrainingRequest request = job.request();
        EpochResult kept = result.epochs().get(result.keptEpoch() - 1);
        ModelInfo info = new ModelInfo(
                UUID.randomUUID().toString(),
                request.name(),
                job.id(),
                request.dataset(),
                clock.instant(),
                request.layers(),
                request.hiddenActivation().id(),
                request.outputActivation().id(),
                request.loss().id(),
                request.batchNorm(),
                result.network().parameterCount(),
                request,
                EpochMetrics.of(kept),
                result.epochs().size(),
                result.keptEpoch(),
                ModelFile.VERSION);
        StoredModel model = new StoredModel(info, result.network());
        models.save(model);
        return model;
    }

    private void persist(TrainingJob job) {
        // One save at a time per job, each of the latest state, so that an older snapshot never lands last.
        synchronized (job) {
            try {
                store.save(job.snapshot());
            } catch (RuntimeException e) {
                log.error("Could not store the record of job {}", job.id(), e);
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        shuttingDown = true;
        jobs.values().stream().filter(job -> job.status() == JobStatus.RUNNING).forEach(TrainingJob::requestCancel);
        // Queued jobs stay QUEUED on disk and are queued again at the next start.
        pool.getQueue().clear();
        pool.shutdown();
        if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
            log.warn("Training threads did not stop within 20 s");
            pool.shutdownNow();
        }
    }

    /** Connects the engine's callbacks to the job's state and events. */
    private final class JobMonitor implements TrainingMonitor {
        private final TrainingJob job;
        private final int epochs;
        private long lastProgress = System.nanoTime();

        JobMonitor(TrainingJob job) {
            this.job = job;
            this.epochs = job.request().epochs();
        }

        @Override
        public void batchFinished(int epoch, int examplesDone, int examplesPerEpoch) {
            long now = System.nanoTime();
            if (now - lastProgress < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            lastProgress = now;
            double progress = (epoch - 1 + (double) examplesDone / examplesPerEpoch) / epochs;
            job.progress(epoch, progress);
            events.progress(job.id(), new JobEvents.Progress(epoch, progress));
        }

        @Override
        public void epochFinished(EpochResult result) {
            EpochMetrics metrics = EpochMetrics.of(result);
            JobService.this.metrics.epochFinished(result);
            job.epochFinished(metrics);
            persist(job);
            events.epoch(job.id(), metrics);
            log.info(
                    "Job {} epoch {}/{}: train loss {} accuracy {}, test loss {} accuracy {}, {} ms, {} examples/s",
                    job.id(),
                    metrics.epoch(),
                    epochs,
                    format(metrics.trainLoss()),
                    format(metrics.trainAccuracy()),
                    format(metrics.testLoss()),
                    format(metrics.testAccuracy()),
                    metrics.durationMs(),
                    Math.round(metrics.examplesPerSecond()));
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
            checkpoints.save(job.id(), checkpoint);
        }

        @Override
        public boolean stopRequested() {
            return job.cancelRequested();
        }

        private static String format(Double value) {
            return value == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", value);
        }
    }
}
