package dev.backprop.curve;

import dev.backprop.coordination.RecordEvents;
import dev.backprop.job.ClusterProperties;
import dev.backprop.resilience.BackgroundDatabase;
import org.springframework.stereotype.Component;

/** Server-sent events for learning curves: a {@code curve} event with the whole record each time it changes. */
@Component
class CurveEvents extends RecordEvents<LearningCurve> {

    CurveEvents(CurveRecords records, BackgroundDatabase background, ClusterProperties cluster) {
        super(records, background, cluster, "curve");
    }
}
