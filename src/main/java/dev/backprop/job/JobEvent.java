package dev.backprop.job;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * One of a job's events as JSON, for clients that cannot read server-sent events (generated ones parse
 * every answer as JSON): the {@code epoch} and {@code status} events a new stream starts with.
 */
@Schema(
        name = "JobEvent",
        description = "A job event as the stream sends it: `epoch` carries `epoch` (its id is the epoch's number),"
                + " `status` carries the whole `job`")
record JobEvent(
        @NotNull
        @Schema(
                description = "The event's name",
                allowableValues = {"epoch", "status"},
                example = "epoch")
        String event,

        @Schema(description = "The event's id: the epoch's number for `epoch`, none for `status`", example = "1")
        String id,

        @Schema(description = "One finished epoch's metrics, in an `epoch` event")
        EpochMetrics epoch,

        @Schema(description = "The whole job, in a `status` event")
        Job job) {

    /** What a stream opened now would send first: an {@code epoch} for each finished epoch, then {@code status}. */
    static List<JobEvent> of(Job job) {
        List<JobEvent> events = new ArrayList<>(job.epochs().size() + 1);
        for (EpochMetrics epoch : job.epochs()) {
            events.add(new JobEvent("epoch", Integer.toString(epoch.epoch()), epoch, null));
        }
        events.add(new JobEvent("status", null, null, job));
        return events;
    }
}
