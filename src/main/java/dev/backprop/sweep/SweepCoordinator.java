package dev.backprop.sweep;

import dev.backprop.coordination.LeaseCoordinator;
import dev.backprop.job.ClusterProperties;
import dev.backprop.job.JobService;
import dev.backprop.resilience.BackgroundDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the sweeps under leases (see {@link LeaseCoordinator}); a sweep taken over is rebuilt from its
 * record, its trials being jobs that go on wherever they train.
 */
@Component
class SweepCoordinator extends LeaseCoordinator<Sweep> {

    private static final Logger log = LoggerFactory.getLogger(SweepCoordinator.class);

    private final SweepPlanner planner;
    private final JobService jobs;

    SweepCoordinator(
            SweepRecords records,
            BackgroundDatabase background,
            SweepPlanner planner,
            JobService jobs,
            ClusterProperties cluster) {
        super(records, background, cluster, "sweeps");
        this.planner = planner;
        this.jobs = jobs;
    }

    @Override
    protected Active<Sweep> takeOver(Sweep record) {
        return new ActiveSweep(record, planner.replan(record.request()), jobs);
    }

    @Override
    protected void finished(Sweep sweep) {
        log.info(
                "Sweep {} {}: {} trials, {} epochs trained, {} saved",
                sweep.id(),
                sweep.status(),
                sweep.trialsRun(),
                sweep.epochsTrained(),
                sweep.epochsSaved());
    }
}
