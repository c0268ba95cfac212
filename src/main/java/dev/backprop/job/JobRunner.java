package dev.backprop.job;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.DatasetCatalog;
import dev.backprop.engine.Checkpoint;
import dev.backprop.engine.EpochResult;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingDivergedException;
import dev.backprop.engine.TrainingResult;
import dev.backprop.model.ModelFile;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.ModelStore;
import dev.backprop.model.StoredModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains one job on a training thread: from its checkpoint when it has one, else from the start; and
 * at the end stores its model, or records why it failed or stopped.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobRegistry registry;
    private final CheckpointStore checkpoints;
    private final ModelStore models;
    private final DatasetCatalog datasets;
    private final JobEvents events;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    private final TrainingMetrics metrics;
    private final int threadsPerJob;
    private volatile boolean shuttingDown;

    JobRunner(
            JobRegistry registry,
            CheckpointStore checkpoints,
            ModelStore models,
            DatasetCatalog datasets,
            JobEvents events,
            JsonMapper json,
            TrainingProperties properties,
            MeterRegistry meters) {
        this.registry = registry;
        this.checkpoints = checkpoints;
        this.models = models;
        this.datasets = datasets;
        this.events = events;
        this.json = json;
        this.threadsPerJob = properties.threadsPerJob();
        this.metrics = new TrainingMetrics(meters, registry::count);
    }

    /** From now on a stopped job was interrupted by the shutdown, not cancelled by a client. */
    void shuttingDown() {
        shuttingDown = true;
    }

    void run(TrainingJob job) {
        if (!job.start()) {
            return;
        }
        registry.persist(job);
        events.status(job.snapshot());
        TrainingRequest request = job.request();
        try {
            TrainingResult result = train(job, request);
            switch (result.outcome()) {
                case CANCELLED -> {
                    if (!shuttingDown) {
                        job.cancelled();
                    } else if (checkpoints.durable()) {
                        job.interrupted(result.epochs().size());
                        registry.persist(job);
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
        registry.persist(job);
        events.status(done);
        log.info("Job {} {}{}", job.id(), done.status(), done.error() == null ? "" : ": " + done.error());
    }

    private TrainingResult train(TrainingJob job, TrainingRequest request) {
        Dataset dataset = datasets.load(request.dataset());
        Trainer trainer = new Trainer(request.toConfig(), threadsPerJob);
        JobMonitor monitor = new JobMonitor(job, registry, events, checkpoints, metrics);
        Optional<Checkpoint> checkpoint =
                job.resumedFromEpoch() == null ? Optional.empty() : checkpoints.load(job.id());
        if (checkpoint.isPresent()) {
            job.resumeFrom(checkpoint.get().epoch());
            log.info("Job {} resumed after epoch {}", job.id(), checkpoint.get().epoch());
            return trainer.resume(checkpoint.get(), dataset.training(), dataset.test(), monitor);
        }
        if (job.resumedFromEpoch() != null) {
            job.resumeFrom(0);
        }
        log.info("Job {} started", job.id());
        return trainer.train(dataset.training(), dataset.test(), monitor);
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
                json.convertValue(request, new TypeReference<Map<String, Object>>() {}),
                EpochMetrics.of(kept).forModel(),
                result.epochs().size(),
                result.keptEpoch(),
                ModelFile.VERSION);
        StoredModel model = new StoredModel(info, result.network());
        models.save(model);
        return model;
    }
}
