package dev.backprop.curve;

import dev.backprop.coordination.LeaseCoordinator;
import dev.backprop.failure.CapacityExceededException;
import dev.backprop.failure.ConflictException;
import dev.backprop.failure.NotFoundException;
import dev.backprop.job.EpochMetrics;
import dev.backprop.job.Job;
import dev.backprop.job.JobService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A learning curve this replica coordinates: one {@link #step} per poll queues the points not yet
 * queued (those the queue refused wait for the next round), reads the finished ones' last epoch, and
 * answers the curve's new record.
 */
final class ActiveCurve implements LeaseCoordinator.Active<LearningCurve> {

    private final CurvePlan plan;
    private final JobService jobs;
    private LearningCurve record;

    ActiveCurve(LearningCurve record, CurvePlan plan, JobService jobs) {
        this.record = record;
        this.plan = plan;
        this.jobs = jobs;
    }

    /** The points of a new curve, none queued yet. */
    static List<LearningCurve.Point> pending(CurvePlan plan) {
        return plan.points().stream()
                .map(p -> new LearningCurve.Point(p.size(), p.seed(), p.epochs(), null, null, null, null, "PENDING"))
                .toList();
    }

    @Override
    public LearningCurve record() {
        return record;
    }

    @Override
    public LearningCurve step(boolean cancelRequested, String worker, Instant now) {
        Instant started = record.startedAt() == null ? now : record.startedAt();
        List<LearningCurve.Point> points = new ArrayList<>(record.points());
        String error = null;
        boolean submitting = true;
        for (int k = 0; k < points.size(); k++) {
            LearningCurve.Point point = points.get(k);
            if (point.finished()) {
                continue;
            }
            if (cancelRequested) {
                cancel(point.jobId());
                points.set(k, point.finish("CANCELLED", null, null, null));
            } else if (point.jobId() == null) {
                if (!submitting) {
                    continue;
                }
                try {
                    points.set(
                            k,
                            point.queued(
                                    jobs.submit(plan.points().get(k).request()).id()));
                } catch (CapacityExceededException full) {
                    // The queue is full: this point waits for the next round.
                } catch (IllegalArgumentException refused) {
                    points.set(k, point.finish("FAILED", null, null, null));
                    error = refused.getMessage();
                } catch (RuntimeException storeAway) {
                    // Keep the jobs queued so far in the record; the rest wait for the next round.
                    submitting = false;
                }
            } else {
                points.set(k, follow(point));
            }
        }
        boolean done = points.stream().allMatch(LearningCurve.Point::finished);
        String status = cancelRequested
                ? "CANCELLED"
                : !done
                        ? "RUNNING"
                        : points.stream().anyMatch(p -> p.status().equals("SUCCEEDED")) ? "SUCCEEDED" : "FAILED";
        if (status.equals("FAILED") && error == null) {
            error = "no point succeeded; see the points' jobs for why";
        }
        return record = new LearningCurve(
                record.id(),
                record.name(),
                status,
                record.request(),
                record.createdAt(),
                started,
                status.equals("RUNNING") ? null : now,
                points,
                CurveDiagnosis.of(points),
                worker,
                error != null ? error : record.error());
    }

    private LearningCurve.Point follow(LearningCurve.Point point) {
        Job job;
        try {
            job = jobs.get(point.jobId());
        } catch (NotFoundException gone) {
            return point.finish("FAILED", null, null, null);
        }
        if (!job.status().finished()) {
            return new LearningCurve.Point(
                    point.size(),
                    point.seed(),
                    point.epochs(),
                    null,
                    null,
                    null,
                    point.jobId(),
                    job.status().name());
        }
        EpochMetrics last =
                job.epochs().isEmpty() ? null : job.epochs().get(job.epochs().size() - 1);
        return last == null
                ? point.finish(job.status().name(), null, null, null)
                : point.finish(
                        job.status().name(), last.trainAccuracy(), last.validationAccuracy(), last.testAccuracy());
    }

    private void cancel(String jobId) {
        if (jobId == null) {
            return;
        }
        try {
            jobs.cancel(jobId);
        } catch (ConflictException | NotFoundException alreadyOver) {
            // Finished on its own meanwhile.
        }
    }
}
