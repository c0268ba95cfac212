package dev.backprop.sweep;

import dev.backprop.coordination.RecordEvents;
import dev.backprop.job.ClusterProperties;
import dev.backprop.resilience.BackgroundDatabase;
import org.springframework.stereotype.Component;

/** Server-sent events for sweeps: a {@code sweep} event with the whole record each time it changes. */
@Component
class SweepEvents extends RecordEvents<Sweep> {

    SweepEvents(SweepRecords records, BackgroundDatabase background, ClusterProperties cluster) {
        super(records, background, cluster, "sweep");
    }
}
