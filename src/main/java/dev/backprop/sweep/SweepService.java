package dev.backprop.sweep;

import dev.backprop.failure.ConflictException;
import dev.backprop.failure.NotFoundException;
import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Accepts sweeps, answers for them wherever they run, and cancels them. */
@Service
public class SweepService {

    private final SweepPlanner planner;
    private final SweepRecords records;
    private final Clock clock = Clock.systemUTC();

    SweepService(SweepPlanner planner, SweepRecords records) {
        this.planner = planner;
        this.records = records;
    }

    /**
     * Checks and queues a sweep; a coordinator starts its trials within a poll.
     *
     * @throws dev.backprop.failure.InvalidFieldsException naming every bad field
     */
    public Sweep submit(SweepRequest request) {
        SweepPlan plan = planner.plan(request);
        Sweep sweep = new Sweep(
                UUID.randomUUID().toString(),
                request.name(),
                "QUEUED",
                plan.request(),
                clock.instant(),
                null,
                null,
                List.of(),
                null,
                0,
                0,
                0,
                plan.trials() * plan.epochsPerTrial(),
                null,
                null,
                null);
        records.insert(sweep);
        return sweep;
    }

    public Sweep get(String id) {
        return records.find(id).orElseThrow(() -> new NotFoundException("sweep", id));
    }

    /** A page of sweeps, newest first; {@code status} null for every status. */
    public Page<Sweep> list(String status, PageRequest page) {
        return records.page(status, page);
    }

    /**
     * Stops every trial; the sweep ends CANCELLED within a poll.
     *
     * @throws ConflictException when the sweep has already finished
     */
    public Sweep cancel(String id) {
        Sweep sweep = get(id);
        if (sweep.finished()) {
            throw new ConflictException(
                    "sweep " + id + " has already finished (" + sweep.status() + ")",
                    Map.of("currentStatus", sweep.status()));
        }
        records.requestCancel(id);
        return sweep;
    }
}
