package dev.backprop.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's live state, changed by the training thread and read by request threads; every change and
 * every {@link #snapshot()} holds the job's lock, so a snapshot is always consistent.
 */
final class TrainingJob {

    private final String id;
    private final TrainingRequest request;
    private final Instant createdAt;
    private final Clock clock;
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private JobStatus status;
    private Instant startedAt;
    private Instant finishedAt;
    private double progress;
    private int currentEpoch;
    private String modelId;
    private String error;
    private Integer keptEpoch;
    private String stopReason;
    private Integer resumedFromEpoch;
    /** Progress when the job last started, so that a resumed job's ETA counts only what it trains now. */
    private double progressAtStart;

    private volatile boolean cancelRequested;

    TrainingJob(String id, TrainingRequest request, Clock clock) {
        this.id = id;
        this.request = request;
        this.clock = clock;
        this.createdAt = clock.instant();
        this.status = JobStatus.QUEUED;
    }

    /** A job read back from the store. */
    TrainingJob(Job record, Clock clock) {
        this.id = record.id();
        this.request = record.request();
        this.clock = clock;
        this.createdAt = record.createdAt();
        this.status = record.status();
        this.startedAt = record.startedAt();
        this.finishedAt = record.finishedAt();
        this.progress = record.progress();
        this.currentEpoch = record.currentEpoch();
        this.epochs.addAll(record.epochs());
        this.modelId = record.modelId();
        this.error = record.error();
        this.keptEpoch = record.keptEpoch();
        this.stopReason = record.stopReason();
        this.resumedFromEpoch = record.resumedFromEpoch();
    }

    String id() {
        return id;
    }

    TrainingRequest request() {
        return request;
    }

    synchronized JobStatus status() {
        return status;
    }

    /** QUEUED → RUNNING; false if the job was cancelled while it waited. */
    synchronized boolean start() {
        if (status != JobStatus.QUEUED) {
            return false;
        }
        status = JobStatus.RUNNING;
        startedAt = clock.instant();
        progressAtStart = progress;
        return true;
    }

    /**
     * A job whose training a stopping service interrupted goes back to the queue, to resume after
     * {@code completedEpochs} (the epochs its checkpoint holds) when the service starts again.
     */
    synchronized void interrupted(int completedEpochs) {
        status = JobStatus.QUEUED;
        resumedFromEpoch = completedEpochs;
        keepEpochs(completedEpochs);
    }

    /** The job goes on after epoch {@code completedEpochs}, where its checkpoint left it (0: from the start). */
    synchronized void resumeFrom(int completedEpochs) {
        keepEpochs(completedEpochs);
        resumedFromEpoch = completedEpochs;
        progressAtStart = progress;
    }

    synchronized Integer resumedFromEpoch() {
        return resumedFromEpoch;
    }

    /** Keeps the metrics of the first {@code count} epochs, those the checkpoint it resumes from holds. */
    private void keepEpochs(int count) {
        while (epochs.size() > count) {
            epochs.remove(epochs.size() - 1);
        }
        currentEpoch = count;
        progress = (double) count / request.epochs();
    }

    synchronized void progress(int epoch, double share) {
        currentEpoch = epoch;
        progress = share;
    }

    synchronized void epochFinished(EpochMetrics metrics) {
        epochs.add(metrics);
        currentEpoch = metrics.epoch();
        progress = (double) metrics.epoch() / request.epochs();
    }

    synchronized void succeeded(String modelId, int keptEpoch, String stopReason) {
        this.modelId = modelId;
        this.keptEpoch = keptEpoch;
        this.stopReason = stopReason;
        this.progress = 1;
        finish(JobStatus.SUCCEEDED);
    }

    synchronized void failed(String error) {
        this.error = error;
        finish(JobStatus.FAILED);
    }

    /**
     * Asks a queued or running job to stop; a queued one is cancelled at once, a running one stops before
     * its next mini-batch. False when the job has already finished.
     */
    synchronized boolean requestCancel() {
        if (status.finished()) {
            return false;
        }
        cancelRequested = true;
        if (status == JobStatus.QUEUED) {
            cancelled();
        }
        return true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    synchronized void cancelled() {
        stopReason = "cancelled during epoch " + Math.max(1, currentEpoch);
        finish(JobStatus.CANCELLED);
    }

    private void finish(JobStatus finalStatus) {
        status = finalStatus;
        finishedAt = clock.instant();
    }

    synchronized Job snapshot() {
        return new Job(
                id,
                request.name(),
                status,
                request,
                createdAt,
                startedAt,
                finishedAt,
                progress,
                currentEpoch,
                List.copyOf(epochs),
                modelId,
                error,
                eta(),
                keptEpoch,
                stopReason,
                resumedFromEpoch);
    }

    /** Time left, from the time per unit of progress so far. */
    private Double eta() {
        if (status != JobStatus.RUNNING || startedAt == null || progress <= 0) {
            return null;
        }
        double done = progress - progressAtStart;
        if (done <= 0) {
            return null;
        }
        double elapsed = Duration.between(startedAt, clock.instant()).toMillis() / 1000.0;
        return Math.round(elapsed / done * (1 - progress) * 10) / 10.0;
    }
}
