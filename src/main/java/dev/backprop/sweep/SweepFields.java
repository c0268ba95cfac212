package dev.backprop.sweep;

import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import dev.backprop.job.TrainingRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks of a sweep request's own parts (what it varies, its objective, its early stopping, its base),
 * each adding the problems it finds under the field's name and answering the part resolved; the
 * {@link SweepPlanner} checks the trials they make.
 */
final class SweepFields {

    static final int DEFAULT_VALIDATION_SIZE = 10_000;
    /** The most fields one sweep varies: each value of each is checked as a training job. */
    static final int MAX_PARAMETERS = 20;

    private static final Set<String> TRAINING_FIELDS = Arrays.stream(TrainingRequest.class.getRecordComponents())
            .map(component -> component.getName())
            .filter(name -> !name.equals("name") && !name.equals("modelName"))
            .collect(Collectors.toSet());
    private static final Set<String> STOPPING = Set.of("asha", "median", "none");

    private SweepFields() {}

    static Map<String, Domain> domains(Map<String, Map<String, Object>> parameters, List<FieldProblem> problems) {
        Map<String, Domain> domains = new LinkedHashMap<>();
        if (parameters == null || parameters.isEmpty()) {
            problems.add(new FieldProblem("parameters", "name at least one training field to vary"));
            return domains;
        }
        // Every value is checked as a whole training request: the search space is bounded before that.
        if (parameters.size() > MAX_PARAMETERS) {
            problems.add(new FieldProblem(
                    "parameters", "at most " + MAX_PARAMETERS + " fields may vary, not " + parameters.size()));
            return domains;
        }
        parameters.forEach((name, spec) -> {
            String field = "parameters." + name;
            java.util.regex.Matcher element = SweepPlan.ELEMENT.matcher(name);
            boolean listElement = element.matches() && element.group(1).equals("layers");
            if (!TRAINING_FIELDS.contains(name) && !listElement && !SweepPlan.isNestedField(name)) {
                problems.add(
                        new FieldProblem(
                                field,
                                "is not a training field a sweep can vary (a hidden size is layers[1], layers[2], …;"
                                        + " a field of schedule or augmentation is schedule.maxRate, augmentation.elastic.alpha, …)"));
                return;
            }
            try {
                domains.put(name, DomainSpec.parse(spec));
            } catch (InvalidSweepException | ClassCastException | NullPointerException e) {
                problems.add(new FieldProblem(
                        field, e instanceof InvalidSweepException ? e.getMessage() : DomainSpec.SHAPE));
            }
        });
        return domains;
    }

    static Objective objective(SweepRequest.ObjectiveSpec spec, List<FieldProblem> problems) {
        Objective.Metric metric = Objective.Metric.VALIDATION_ACCURACY;
        if (spec != null && spec.metric() != null) {
            try {
                metric = Objective.Metric.of(spec.metric());
            } catch (InvalidSweepException e) {
                problems.add(new FieldProblem("objective.metric", e.getMessage()));
            }
        }
        Objective.Goal goal = null;
        if (spec != null && spec.goal() != null) {
            try {
                goal = Objective.Goal.of(spec.goal());
            } catch (InvalidSweepException e) {
                problems.add(new FieldProblem("objective.goal", e.getMessage()));
            }
        }
        return Objective.of(metric, goal);
    }

    static SweepRequest.EarlyStoppingSpec stopping(SweepRequest.EarlyStoppingSpec spec, List<FieldProblem> problems) {
        String type = spec == null || spec.type() == null ? "none" : spec.type();
        if (!STOPPING.contains(type)) {
            problems.add(new FieldProblem("earlyStopping.type", "must be asha, median or none, not '" + type + "'"));
        }
        int minEpochs = spec == null || spec.minEpochs() == null ? 1 : spec.minEpochs();
        int factor = spec == null || spec.reductionFactor() == null ? 3 : spec.reductionFactor();
        int minTrials = spec == null || spec.minTrials() == null ? 3 : spec.minTrials();
        if (minEpochs < 1) {
            problems.add(new FieldProblem("earlyStopping.minEpochs", "must be at least 1"));
        }
        if (factor < 2) {
            problems.add(new FieldProblem("earlyStopping.reductionFactor", "must be at least 2"));
        }
        if (minTrials < 1) {
            problems.add(new FieldProblem("earlyStopping.minTrials", "must be at least 1"));
        }
        return new SweepRequest.EarlyStoppingSpec(type, minEpochs, factor, minTrials);
    }

    static Map<String, Object> base(Map<String, Object> base, List<FieldProblem> problems) {
        if (base == null) {
            problems.add(new FieldProblem("base", "a training request for the trials to start from is required"));
            return Map.of();
        }
        Map<String, Object> resolved = new LinkedHashMap<>(base);
        // The objective is a validation metric, so the trials need a validation set.
        resolved.putIfAbsent("validationSize", DEFAULT_VALIDATION_SIZE);
        return resolved;
    }
}
