package dev.backprop.curve;

import dev.backprop.api.UnknownFields;
import dev.backprop.dataset.DatasetCatalog;
import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import dev.backprop.job.TrainingRequest;
import dev.backprop.job.TrainingRequestCheck;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves a learning curve request (defaults, the seed) and checks it, naming every bad field: the
 * sizes, the modes, and every point's job as {@code POST /api/v1/jobs} would check it.
 */
@Component
class CurvePlanner {

    static final int DEFAULT_VALIDATION_SIZE = 10_000;
    static final int MAX_POINTS = 100;
    private static final Set<String> MODES = Set.of("fixed", "sameExamples");
    private static final Set<String> CURVE_FIELDS = Set.of("trainLimit", "measureEvery");

    private final TrainingRequestCheck check;
    private final DatasetCatalog datasets;
    private final JsonMapper json;
    private final SecureRandom seeds = new SecureRandom();

    CurvePlanner(TrainingRequestCheck check, DatasetCatalog datasets, JsonMapper json) {
        this.check = check;
        this.datasets = datasets;
        this.json = json;
    }

    CurvePlan plan(String curveId, LearningCurveRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String mode = request.epochsPerSize() == null ? "fixed" : request.epochsPerSize();
        if (!MODES.contains(mode)) {
            problems.add(new FieldProblem("epochsPerSize", "must be fixed or sameExamples, not '" + mode + "'"));
        }
        int seedCount = request.seeds() == null ? 1 : request.seeds();
        if (seedCount < 1 || seedCount > 10) {
            problems.add(new FieldProblem("seeds", "must be between 1 and 10"));
        }
        List<Integer> sizes = sizes(request.sizes(), problems);
        if (sizes.size() * Math.max(1, seedCount) > MAX_POINTS) {
            problems.add(new FieldProblem(
                    "sizes", "sizes × seeds makes " + sizes.size() * seedCount + " jobs, more than " + MAX_POINTS));
        }
        Map<String, Object> base = base(request.base(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems);
        }
        LearningCurveRequest resolved = new LearningCurveRequest(
                request.name(), base, sizes, mode, Boolean.TRUE.equals(request.scaleL2()), seedCount);
        checkSizesFit(resolved, problems);
        CurvePlan plan = null;
        try {
            plan = CurvePlan.of(curveId, resolved, json);
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            problems.add(new FieldProblem("base", "does not make a training request: " + rootMessage(e)));
        }
        if (plan != null) {
            // The smallest and the largest size bound every other (epochs, l2, memory).
            for (CurvePlan.PointJob point : List.of(
                    plan.points().get(0), plan.points().get(plan.points().size() - 1))) {
                check.problems(point.request(), "base.").forEach(p -> problems.add(named(p, point)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems.stream().distinct().toList());
        }
        return plan;
    }

    /** A point's problem, said of the field the client sent. */
    private static FieldProblem named(FieldProblem problem, CurvePlan.PointJob point) {
        String field = problem.field();
        if (field.equals("base.trainLimit")) {
            field = "sizes";
        }
        return new FieldProblem(
                field,
                problem.message() + " (at size " + point.size() + ": " + point.epochs() + " epochs, l2 "
                        + point.request().l2() + ")");
    }

    private static List<Integer> sizes(List<Integer> sizes, List<FieldProblem> problems) {
        if (sizes == null || sizes.isEmpty()) {
            problems.add(new FieldProblem("sizes", "name at least one training set size"));
            return List.of();
        }
        if (sizes.stream().anyMatch(size -> size == null || size < 1)) {
            problems.add(new FieldProblem("sizes", "every size must be a whole number of at least 1"));
            return List.of();
        }
        List<Integer> sorted = sizes.stream().distinct().sorted().toList();
        if (sorted.size() != sizes.size()) {
            problems.add(new FieldProblem("sizes", "names a size twice"));
        }
        return sorted;
    }

    private Map<String, Object> base(Map<String, Object> base, List<FieldProblem> problems) {
        if (base == null) {
            problems.add(new FieldProblem("base", "a training request for the points to start from is required"));
            return Map.of();
        }
        for (String field : CURVE_FIELDS) {
            if (base.containsKey(field)) {
                problems.add(new FieldProblem("base." + field, "is set by the curve for each size; leave it out"));
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>(base);
        // The bias/variance reading compares training with validation accuracy.
        resolved.putIfAbsent("validationSize", DEFAULT_VALIDATION_SIZE);
        if (!(resolved.get("seed") instanceof Number)) {
            if (resolved.get("seed") != null) {
                problems.add(new FieldProblem("base.seed", "must be an integer"));
            }
            resolved.put("seed", seeds.nextLong() & 0xFFFFFFFFFFFFL);
        }
        try {
            json.convertValue(resolved, TrainingRequest.class);
        } catch (tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            problems.add(new FieldProblem(
                    "base." + unknown.getPropertyName(),
                    "is not a field of a training request" + UnknownFields.suggestion(unknown)));
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            problems.add(new FieldProblem("base", "does not make a training request: " + rootMessage(e)));
        }
        return resolved;
    }

    /** Every size with the validation examples held out of it must fit in the dataset's training set. */
    private void checkSizesFit(LearningCurveRequest request, List<FieldProblem> problems) {
        Object dataset = request.base().getOrDefault("dataset", TrainingRequest.DEFAULT_DATASET);
        int validation = ((Number) request.base().get("validationSize")).intValue();
        int largest = request.sizes().get(request.sizes().size() - 1);
        try {
            int available = datasets.describe(String.valueOf(dataset)).trainingSize();
            if (available > 0 && largest + validation > available) {
                problems.add(new FieldProblem(
                        "sizes",
                        "the largest size, " + largest + ", and validationSize " + validation + " need "
                                + (largest + validation) + " training examples; " + dataset + " has " + available));
            }
        } catch (RuntimeException unknownOrUnavailable) {
            // The point's own check names the dataset.
        }
    }

    private static String rootMessage(Exception e) {
        String message = e.getMessage();
        return message == null
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }
}
