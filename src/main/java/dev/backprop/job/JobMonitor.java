package dev.backprop.job;

import dev.backprop.engine.Checkpoint;
import dev.backprop.engine.Diagnosis;
import dev.backprop.engine.EpochResult;
import dev.backprop.engine.TrainingKernels;
import dev.backprop.engine.TrainingMonitor;
import dev.backprop.resilience.StoreOutage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the engine's callbacks for one job to its live state, its record (which every replica reads,
 * so that its events reach clients anywhere) and the metrics.
 */
final class JobMonitor implements TrainingMonitor {

    private static final Logger log = LoggerFactory.getLogger(JobMonitor.class);
    /** How often, at most, a running job reports progress between epochs. */
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final TrainingJob job;
    private final JobRecords records;
    private final String worker;
    private final CheckpointStore checkpoints;
    private final TrainingMetrics metrics;
    private final int epochs;
    private final Duration patience;
    private long lastProgress = System.nanoTime();
    /** The layers measured at the end of the epoch about to be reported. */
    private List<LayerMetrics> epochLayers;

    JobMonitor(
            TrainingJob job,
            JobRecords records,
            String worker,
            CheckpointStore checkpoints,
            TrainingMetrics metrics,
            Duration patience) {
        this.patience = patience;
        this.job = job;
        this.records = records;
        this.worker = worker;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
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
        try {
            records.progress(job.id(), worker, epoch, progress);
        } catch (RuntimeException e) {
            // Progress is shown, not kept: a store away for a moment skips a report, not the training.
            if (!StoreOutage.isTransient(e)) {
                throw e;
            }
        }
    }

    @Override
    public void diagnosed(Diagnosis diagnosis) {
        List<LayerMetrics> layers = LayerMetrics.of(diagnosis.layers());
        if (diagnosis.endOfEpoch()) {
            epochLayers = layers; // goes out with the epoch, reported next
            return;
        }
        StepMetrics step = new StepMetrics(diagnosis.epoch(), diagnosis.step(), layers);
        job.stepDiagnosed(step);
        records.addStep(job.id(), step);
    }

    @Override
    public void epochFinished(EpochResult result) {
        EpochMetrics epoch = EpochMetrics.of(result, epochLayers);
        epochLayers = null;
        metrics.epochFinished(result);
        job.epochFinished(epoch);
        // An epoch's record is kept: training waits for a database that is away (the job's lease long);
        // longer, and the failure hands the job back, to resume from its checkpoint.
        boolean held = StoreOutage.retry(patience, () -> {
            if (!records.save(job.snapshot(), worker)) {
                return false;
            }
            records.addEpoch(job.id(), epoch);
            return true;
        });
        if (!held) {
            // The lease ran out and another replica has the job now: stop, and write nothing more.
            job.lost();
        }
        log.info(
                "Job {} epoch {}/{}: train loss {} accuracy {}, test loss {} accuracy {}, {} ms, {} examples/s",
                job.id(),
                epoch.epoch(),
                epochs,
                format(epoch.trainLoss()),
                format(epoch.trainAccuracy()),
                format(epoch.testLoss()),
                format(epoch.testAccuracy()),
                epoch.durationMs(),
                Math.round(epoch.examplesPerSecond()));
    }

    @Override
    public void threadsChosen(TrainingKernels kernels, String reason) {
        job.trainingOn(kernels + " (" + reason + ")");
        log.info("Job {} trains on {} ({})", job.id(), kernels, reason);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        checkpoints.save(job.id(), checkpoint);
    }

    @Override
    public boolean stopRequested() {
        return job.cancelRequested() || job.isLost();
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
