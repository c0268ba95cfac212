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
    private final List<StepMetrics> steps = new ArrayList<>();
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

    private final String worker;
    private volatile String kernels;

    private volatile boolean cancelRequested;
    /** Set when another replica took the job over (this one missed its heartbeats): stop and keep quiet. */
    private volatile boolean lost;

    /** A job claimed from the records, to train here. */
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
        this.steps.addAll(record.steps());
        this.modelId = record.modelId();
        this.error = record.error();
        this.keptEpoch = record.keptEpoch();
        this.stopReason = record.stopReason();
        this.resumedFromEpoch = record.resumedFromEpoch();
        this.worker = record.worker();
        this.kernels = record.kernels();
        this.progressAtStart = progress;
    }

    /** A new job, queued. */
    static Job queued(String id, TrainingRequest request, Instant now) {
        return new Job(
                id,
                request.name(),
                JobStatus.QUEUED,
                request,
                now,
                null,
                null,
                0,
                0,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of());
    }

    /** Names the kernels that train this job, as the job's record shows them. */
    void trainingOn(String kernels) {
        this.kernels = kernels;
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

    /** Drops epochs a record may hold from an earlier start, before training from the first epoch. */
    synchronized boolean startOver() {
        boolean had = !epochs.isEmpty() || !steps.isEmpty();
        keepEpochs(0);
        return had;
    }

    synchronized Integer resumedFromEpoch() {
        return resumedFromEpoch;
    }

    /** Keeps the metrics of the first {@code count} epochs, those the checkpoint it resumes from holds. */
    private void keepEpochs(int count) {
        while (epochs.size() > count) {
            epochs.remove(epochs.size() - 1);
        }
        // A step of epoch `count + 1` was taken by the run being dropped; step 0 is measured again from the start.
        steps.removeIf(step -> step.epoch() > count || count == 0);
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

    synchronized void stepDiagnosed(StepMetrics step) {
        steps.add(step);
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

    /** Asks the training to stop before its next mini-batch. */
    void requestStop() {
        cancelRequested = true;
    }

    void lost() {
        lost = true;
    }

    boolean isLost() {
        return lost;
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
                eta(status, startedAt, progress, progressAtStart, clock.instant()),
                keptEpoch,
                stopReason,
                resumedFromEpoch,
                worker,
                kernels,
                List.copyOf(steps));
    }

    /** Time left, from the time per unit of progress since the job last started. */
    static Double eta(JobStatus status, Instant startedAt, double progress, double progressAtStart, Instant now) {
        if (status != JobStatus.RUNNING || startedAt == null || progress <= 0) {
            return null;
        }
        double done = progress - progressAtStart;
        if (done <= 0) {
            return null;
        }
        double elapsed = Duration.between(startedAt, now).toMillis() / 1000.0;
        return Math.round(elapsed / done * (1 - progress) * 10) / 10.0;
    }
}
