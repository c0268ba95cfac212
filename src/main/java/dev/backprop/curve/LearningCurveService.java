package dev.backprop.curve;

import dev.backprop.failure.ConflictException;
import dev.backprop.failure.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Accepts learning curves, answers for them wherever they run, and cancels them. */
@Service
public class LearningCurveService {

    private final CurvePlanner planner;
    private final CurveRecords records;
    private final Clock clock = Clock.systemUTC();

    LearningCurveService(CurvePlanner planner, CurveRecords records) {
        this.planner = planner;
        this.records = records;
    }

    /**
     * Checks and records a curve; a coordinator queues its points within a poll.
     *
     * @throws dev.backprop.failure.InvalidFieldsException naming every bad field
     */
    public LearningCurve submit(LearningCurveRequest request) {
        String id = UUID.randomUUID().toString();
        CurvePlan plan = planner.plan(id, request);
        LearningCurve curve = new LearningCurve(
                id,
                request.name(),
                "QUEUED",
                plan.request(),
                clock.instant(),
                null,
                null,
                ActiveCurve.pending(plan),
                null,
                null,
                null);
        records.insert(curve);
        return curve;
    }

    public LearningCurve get(String id) {
        return records.find(id).orElseThrow(() -> new NotFoundException("learning curve", id));
    }

    public List<LearningCurve> list() {
        return records.list();
    }

    /**
     * Stops every point; the curve ends CANCELLED within a poll.
     *
     * @throws ConflictException when the curve has already finished
     */
    public LearningCurve cancel(String id) {
        LearningCurve curve = get(id);
        if (curve.finished()) {
            throw new ConflictException(
                    "learning curve " + id + " has already finished (" + curve.status() + ")",
                    Map.of("currentStatus", curve.status()));
        }
        records.requestCancel(id);
        return curve;
    }
}
