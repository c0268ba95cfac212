package dev.backprop.curve;

import dev.backprop.coordination.LeaseCoordinator;
import dev.backprop.job.ClusterProperties;
import dev.backprop.job.JobService;
import dev.backprop.resilience.BackgroundDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Runs the learning curves under leases (see {@link LeaseCoordinator}); their points are ordinary jobs. */
@Component
class CurveCoordinator extends LeaseCoordinator<LearningCurve> {

    private static final Logger log = LoggerFactory.getLogger(CurveCoordinator.class);

    private final JobService jobs;
    private final JsonMapper json;

    CurveCoordinator(
            CurveRecords records,
            BackgroundDatabase background,
            JobService jobs,
            ClusterProperties cluster,
            JsonMapper json) {
        super(records, background, cluster, "learning-curves");
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    protected Active<LearningCurve> takeOver(LearningCurve record) {
        return new ActiveCurve(record, CurvePlan.of(record.id(), record.request(), json), jobs);
    }

    @Override
    protected void finished(LearningCurve curve) {
        log.info("Learning curve {} {}: {}", curve.id(), curve.status(), curve.diagnosis());
    }
}
