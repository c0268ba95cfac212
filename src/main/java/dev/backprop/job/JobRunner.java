package dev.backprop.job;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.DatasetCatalog;
import dev.backprop.engine.Checkpoint;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingDivergedException;
import dev.backprop.engine.TrainingResult;
import dev.backprop.model.ModelInfo;
import dev.backprop.resilience.BackgroundDatabase;
import dev.backprop.resilience.StoreOutage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Trains one claimed job on a training thread: from its checkpoint when it has one, else from the
 * start; and at the end stores its model, or records why it failed or stopped.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobRecords records;
    private final JobClaims claims;
    /** How long training waits for a store that is away before it hands the job back: its lease. */
    private final Duration patience;

    private final CheckpointStore checkpoints;
    private final JobModels models;
    private final DatasetCatalog datasets;
    private final TrainingMetrics metrics;
    private final TrainingProperties training;
    private volatile boolean shuttingDown;

    JobRunner(
            JobRecords records,
            BackgroundDatabase background,
            JobClaims claims,
            ClusterProperties cluster,
            CheckpointStore checkpoints,
            JobModels models,
            DatasetCatalog datasets,
            TrainingProperties properties,
            MeterRegistry meters) {
        this.records = records.on(background);
        this.claims = claims;
        this.patience = cluster.lease();
        this.checkpoints = checkpoints;
        this.models = models;
        this.datasets = datasets;
        this.training = properties;
        this.metrics = new TrainingMetrics(meters, this.records::count);
    }

    /** From now on a stopped job was interrupted by the shutdown, not cancelled by a client. */
    void shuttingDown() {
        shuttingDown = true;
    }

    void run(TrainingJob job, String worker) {
        TrainingRequest request = job.request();
        try {
            Optional<ModelInfo> stored = job.resumedFromEpoch() == null ? Optional.empty() : models.storedBy(job.id());
            if (stored.isPresent()) {
                // Stopped after its model was stored but before its record said so: that model is its result.
                ModelInfo model = stored.get();
                job.succeeded(model.id(), model.keptEpoch(), "its model was stored before the service stopped");
                finish(job, worker);
                return;
            }
            TrainingResult result;
            try (DatasetCatalog.Hold held = datasets.hold(request.dataset())) {
                result = train(job, request, worker);
            }
            if (job.isLost()) {
                log.warn("Job {} was taken over by another replica; this one stopped training it", job.id());
                return;
            }
            switch (result.outcome()) {
                case CANCELLED -> {
                    if (!shuttingDown) {
                        job.cancelled();
                    } else if (checkpoints.durable()) {
                        job.interrupted(lastEpoch(result));
                        records.save(job.snapshot(), worker);
                        log.info("Job {} interrupted by shutdown; it resumes from its checkpoint", job.id());
                        return;
                    } else {
                        job.failed("interrupted: the service shut down during epoch " + (lastEpoch(result) + 1)
                                + "; submit the job again to retrain");
                    }
                }
                case COMPLETED, EARLY_STOPPED -> {
                    if (job.cancelRequested()) {
                        // Cancelled as its last mini-batch ran: the cancel answered RUNNING, so it ends CANCELLED.
                        job.cancelled();
                        break;
                    }
                    String modelId = models.store(job, result);
                    job.succeeded(
                            modelId,
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
            if (StoreOutage.isTransient(e)) {
                handBack(job, worker, e);
                return;
            }
            log.error("Job {} failed", job.id(), e);
            job.failed(publicMessage(e));
        } catch (OutOfMemoryError e) {
            // The training's buffers are unreachable once here, so there is room again to record why.
            log.error("Job {} ran out of memory", job.id(), e);
            job.failed("ran out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB heap): train a smaller network or batchSize, or give the service more memory (-Xmx)");
        } catch (Error e) {
            log.error("Job {} failed", job.id(), e);
            job.failed("training failed (" + e.getClass().getSimpleName() + "); see the service log");
        }
        finish(job, worker);
    }

    /**
     * A store stayed away longer than training waits for it: the job goes back to the queue, to resume
     * from its last checkpoint here or at another replica, rather than failing for good. Should the
     * database still be away, its lease runs out and it goes back all the same.
     */
    private void handBack(TrainingJob job, String worker, RuntimeException outage) {
        log.warn("Job {}: {}; it goes back to the queue and resumes from its checkpoint", job.id(), outage.toString());
        try {
            claims.handBack(job.id(), worker);
        } catch (RuntimeException stillAway) {
            log.warn("Job {} goes back to the queue when its lease runs out", job.id());
        }
    }

    /** What a job record may say of a failure: never SQL, a driver's message or a class name. */
    private static String publicMessage(RuntimeException e) {
        if (e.getMessage() == null
                || e instanceof org.springframework.dao.DataAccessException
                || e.getClass().getName().startsWith("software.amazon")) {
            return "training failed unexpectedly; see the service log";
        }
        return e.getMessage();
    }

    private void finish(TrainingJob job, String worker) {
        try {
            StoreOutage.retry(patience, () -> record(job, worker));
        } catch (RuntimeException e) {
            if (!StoreOutage.isTransient(e)) {
                throw e;
            }
            // Its model, if it has one, is stored: whoever resumes the job finds it and records it.
            handBack(job, worker, e);
        }
    }

    private void record(TrainingJob job, String worker) {
        Job done = job.snapshot();
        boolean saved;
        if (done.status() == JobStatus.SUCCEEDED) {
            saved = records.saveUnlessCancelRequested(done, worker);
            if (!saved && !job.isLost() && records.cancelRequested(job.id(), worker)) {
                // A cancel came in between the last check and the record: it answered RUNNING, so CANCELLED it is.
                models.delete(done.modelId());
                job.cancelled();
                done = job.snapshot();
                saved = records.save(done, worker);
            }
        } else {
            saved = records.save(done, worker);
        }
        if (saved) {
            checkpoints.delete(job.id());
            log.info("Job {} {}{}", job.id(), done.status(), done.error() == null ? "" : ": " + done.error());
        } else {
            log.warn("Job {} was taken over by another replica before it ended here", job.id());
        }
    }

    private TrainingResult train(TrainingJob job, TrainingRequest request, String worker) {
        Dataset dataset = datasets.load(request.dataset());
        Trainer trainer = training.choosesThreads()
                ? Trainer.choosingThreads(request.toConfig(), request.diagnosticsSettings())
                : new Trainer(request.toConfig(), training.fixedThreads(), request.diagnosticsSettings());
        job.trainingOn(trainer.kernels().toString());
        JobMonitor monitor = new JobMonitor(job, records, worker, checkpoints, metrics, patience);
        Optional<Checkpoint> checkpoint = job.resumedFromEpoch() == null
                ? Optional.<Checkpoint>empty()
                : StoreOutage.retry(patience, () -> checkpoints.load(job.id()));
        if (checkpoint.isPresent()) {
            resumeFrom(job, checkpoint.get().epoch(), worker);
            log.info("Job {} resumed after epoch {}", job.id(), checkpoint.get().epoch());
            return trainer.resume(checkpoint.get(), dataset.training(), dataset.test(), monitor);
        }
        if (job.resumedFromEpoch() != null) {
            resumeFrom(job, 0, worker);
        } else if (job.startOver()) {
            records.keepEpochs(job.id(), 0);
        }
        log.info("Job {} started on {}", job.id(), worker);
        return trainer.train(dataset.training(), dataset.test(), monitor);
    }

    private void resumeFrom(TrainingJob job, int epoch, String worker) {
        job.resumeFrom(epoch);
        StoreOutage.retry(patience, () -> {
            records.keepEpochs(job.id(), epoch);
            records.save(job.snapshot(), worker);
        });
    }

    /** The number of the last epoch measured: with {@code measureEvery}, not the count of epochs kept. */
    static int lastEpoch(TrainingResult result) {
        return result.epochs().isEmpty()
                ? 0
                : result.epochs().get(result.epochs().size() - 1).epoch();
    }
}
