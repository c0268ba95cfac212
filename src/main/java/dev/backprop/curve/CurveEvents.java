package dev.backprop.curve;

import dev.backprop.coordination.RecordEvents;
import dev.backprop.job.ClusterProperties;
import org.springframework.stereotype.Component;

/** Server-sent events for learning curves: a {@code curve} event with the whole record each time it changes. */
@Component
class CurveEvents extends RecordEvents<LearningCurve> {

    CurveEvents(CurveRecords records, ClusterProperties cluster) {
        super(records, cluster, "curve");
    }
}
