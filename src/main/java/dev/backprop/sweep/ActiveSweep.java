package dev.backprop.sweep;

import dev.backprop.coordination.LeaseCoordinator;
import dev.backprop.failure.CapacityExceededException;
import dev.backprop.failure.ConflictException;
import dev.backprop.failure.NotFoundException;
import dev.backprop.job.EpochMetrics;
import dev.backprop.job.Job;
import dev.backprop.job.JobService;
import dev.backprop.job.JobStatus;
import dev.backprop.resilience.StoreOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sweep this replica coordinates: its schedule, rebuilt from the record when the replica takes the
 * sweep over, and one {@link #step} per poll that reads the trials' jobs, applies early stopping,
 * starts the next trials and answers the sweep's new record.
 */
final class ActiveSweep implements LeaseCoordinator.Active<Sweep> {

    private static final Logger log = LoggerFactory.getLogger(ActiveSweep.class);

    private final SweepPlan plan;
    private final SweepSchedule schedule;
    private final JobService jobs;
    private final Map<Integer, String> jobIds = new HashMap<>();
    private final Map<Integer, String> errors = new HashMap<>();
    private Sweep record;

    ActiveSweep(Sweep record, SweepPlan plan, JobService jobs) {
        this.record = record;
        this.plan = plan;
        this.jobs = jobs;
        this.schedule = plan.schedule();
        // Taken over (a restart, or another replica died): the trials so far, replayed in order, rebuild
        // the schedule and the rungs' records; their jobs go on where they are.
        for (Sweep.Trial trial : record.trials()) {
            schedule.restore(trial.index(), trial.parameters(), trial.objectiveByEpoch(), ending(trial.status()));
            jobIds.put(trial.index(), trial.jobId());
        }
    }

    @Override
    public Sweep record() {
        return record;
    }

    /** One round: follow the running trials, start new ones, and answer the record as it now stands. */
    @Override
    public Sweep step(boolean cancelRequested, String worker, Instant now) {
        Instant started = record.startedAt() == null ? now : record.startedAt();
        if (cancelRequested) {
            cancelRunning();
            return record = snapshot("CANCELLED", started, now, worker, null);
        }
        follow();
        for (SweepSchedule.Trial trial : schedule.startable()) {
            start(trial);
        }
        if (!schedule.done()) {
            return record = snapshot("RUNNING", started, now, worker, null);
        }
        boolean anyCompleted = schedule.trials().stream().anyMatch(t -> t.ending() == SweepSchedule.Ending.COMPLETED);
        return record = anyCompleted
                ? snapshot("SUCCEEDED", started, now, worker, null)
                : snapshot("FAILED", started, now, worker, "no trial completed; see the trials' jobs for why");
    }

    private void follow() {
        for (SweepSchedule.Trial trial : schedule.trials()) {
            String jobId = jobIds.get(trial.index());
            if (trial.ending() == null && jobId == null) {
                start(trial); // its submission met a store outage: again, now
                continue;
            }
            if (trial.ending() != null) {
                continue;
            }
            Job job;
            try {
                job = jobs.get(jobId);
            } catch (NotFoundException gone) {
                schedule.trialFinished(trial.index(), SweepSchedule.Ending.FAILED);
                continue;
            }
            // A stopped trial's job may train on until its cancel lands; those epochs are not the sweep's.
            List<EpochMetrics> news = trial.stop() != null
                    ? List.of()
                    : job.epochs()
                            .subList(
                                    Math.min(
                                            trial.objectiveByEpoch().size(),
                                            job.epochs().size()),
                                    job.epochs().size());
            for (EpochMetrics epoch : news) {
                Double value = plan.objective().metric() == Objective.Metric.VALIDATION_ACCURACY
                        ? epoch.validationAccuracy()
                        : epoch.validationLoss();
                if (value == null) {
                    continue;
                }
                if (schedule.epochFinished(trial.index(), epoch.epoch(), value).stop()) {
                    cancel(jobId);
                    break;
                }
            }
            if (job.status().finished()) {
                schedule.trialFinished(trial.index(), ending(job.status()));
                if (job.status() == JobStatus.FAILED) {
                    errors.put(trial.index(), job.error());
                }
            }
        }
    }

    private void start(SweepSchedule.Trial trial) {
        try {
            Job job = jobs.submit(plan.trialRequest(record.id(), trial.index(), trial.parameters()));
            jobIds.put(trial.index(), job.id());
        } catch (CapacityExceededException | IllegalArgumentException e) {
            errors.put(trial.index(), e.getMessage());
            schedule.trialFinished(trial.index(), SweepSchedule.Ending.FAILED);
        } catch (RuntimeException e) {
            if (StoreOutage.isTransient(e)) {
                // Left without a job: the next round submits it again, once the store is back.
                log.warn("Sweep {}: trial {} could not be submitted yet: {}", record.id(), trial.index(), e.toString());
                return;
            }
            log.error("Sweep {}: trial {} could not be submitted", record.id(), trial.index(), e);
            errors.put(trial.index(), "its job could not be submitted; see the service log");
            schedule.trialFinished(trial.index(), SweepSchedule.Ending.FAILED);
        }
    }

    private void cancelRunning() {
        for (SweepSchedule.Trial trial : schedule.trials()) {
            if (trial.ending() == null) {
                String jobId = jobIds.get(trial.index());
                if (jobId != null) {
                    cancel(jobId);
                }
                schedule.trialFinished(trial.index(), SweepSchedule.Ending.CANCELLED);
            }
        }
    }

    private void cancel(String jobId) {
        try {
            jobs.cancel(jobId);
        } catch (ConflictException | NotFoundException alreadyOver) {
            // Finished on its own meanwhile: the next round reads how.
        }
    }

    private Sweep snapshot(String status, Instant started, Instant now, String worker, String error) {
        List<Sweep.Trial> trials = new ArrayList<>();
        for (SweepSchedule.Trial trial : schedule.trials()) {
            EarlyStopping.Decision stop = trial.stop();
            trials.add(new Sweep.Trial(
                    trial.index(),
                    jobIds.get(trial.index()),
                    trial.parameters(),
                    trial.ending() == null ? "RUNNING" : trial.ending().name(),
                    trial.objective(),
                    trial.objectiveByEpoch(),
                    stop == null ? null : stop.epoch(),
                    stop != null ? stop.reason() : errors.get(trial.index())));
        }
        boolean finished = !status.equals("RUNNING");
        Instant end = finished ? now : null;
        return new Sweep(
                record.id(),
                record.name(),
                status,
                record.request(),
                record.createdAt(),
                started,
                end,
                trials,
                best(),
                trials.size(),
                schedule.epochsTrained(),
                schedule.epochsSaved(),
                plan.trials() * plan.epochsPerTrial(),
                Duration.between(started, finished ? end : now).toMillis() / 1000.0,
                worker,
                error);
    }

    private Sweep.Best best() {
        SweepSchedule.Trial best = schedule.best();
        if (best == null) {
            return null;
        }
        String jobId = jobIds.get(best.index());
        Job job = jobs.get(jobId);
        Double testAccuracy = null;
        if (job.keptEpoch() != null
                && job.keptEpoch() > 0
                && job.keptEpoch() <= job.epochs().size()) {
            testAccuracy = job.epochs().get(job.keptEpoch() - 1).testAccuracy();
        } else if (!job.epochs().isEmpty()) {
            testAccuracy = job.epochs().get(job.epochs().size() - 1).testAccuracy();
        }
        return new Sweep.Best(best.index(), jobId, job.modelId(), best.parameters(), best.objective(), testAccuracy);
    }

    private static SweepSchedule.Ending ending(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> SweepSchedule.Ending.COMPLETED;
            case CANCELLED -> SweepSchedule.Ending.CANCELLED;
            case FAILED -> SweepSchedule.Ending.FAILED;
            default -> null;
        };
    }

    private static SweepSchedule.Ending ending(String trialStatus) {
        return trialStatus.equals("RUNNING") ? null : SweepSchedule.Ending.valueOf(trialStatus);
    }
}
