package dev.backprop.sweep;

import dev.backprop.job.DerivedJobName;
import dev.backprop.job.TrainingRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sweep as it will run: the request with every default filled in, and what it takes to propose,
 * judge and start its trials.
 */
public record SweepPlan(
        SweepRequest request, SearchSpace space, Objective objective, int epochsPerTrial, JsonMapper json) {

    public int trials() {
        return request.trials();
    }

    public int parallel() {
        return request.parallel();
    }

    /** A fresh strategy: its proposals depend only on the seed, the index and the results it is shown. */
    public ProposalStrategy strategy() {
        return switch (request.strategy()) {
            case "grid" -> new GridSearch(space);
            case "tpe" -> new TreeParzenEstimator(space, request.seed(), Math.max(4, trials() / 4));
            default -> new RandomSearch(space, request.seed());
        };
    }

    /** A fresh early-stopping rule, with nothing recorded yet. */
    public EarlyStopping stopping() {
        SweepRequest.EarlyStoppingSpec spec = request.earlyStopping();
        String metric = objective.metric().id();
        return switch (spec.type()) {
            case "asha" -> new SuccessiveHalving(spec.minEpochs(), spec.reductionFactor(), epochsPerTrial, metric);
            case "median" -> new MedianStopping(spec.minEpochs(), spec.minTrials(), metric);
            default -> EarlyStopping.NONE;
        };
    }

    public SweepSchedule schedule() {
        return new SweepSchedule(strategy(), stopping(), objective, trials(), parallel(), epochsPerTrial);
    }

    /** Trial {@code index}'s training request: the base with the trial's parameters put in. */
    public TrainingRequest trialRequest(String sweepId, int index, Map<String, Object> parameters) {
        Map<String, Object> fields = merge(request.base(), parameters);
        String label = request.name() == null ? "sweep " + sweepId.substring(0, 8) : request.name();
        fields.put("name", DerivedJobName.of(label, " · trial " + (index + 1)));
        fields.put("modelName", "sweep-" + sweepId.substring(0, 8));
        return json.convertValue(fields, TrainingRequest.class);
    }

    /** An element of a list field, such as a hidden layer's size: {@code layers[1]}. */
    static final Pattern ELEMENT = Pattern.compile("([A-Za-z]+)\\[(\\d{1,2})]");

    /**
     * The base's fields with {@code values} put in: a plain name replaces the field, {@code layers[1]}
     * replaces one element of a list.
     */
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> values) {
        Map<String, Object> fields = new LinkedHashMap<>(base);
        values.forEach((name, value) -> {
            Matcher element = ELEMENT.matcher(name);
            if (element.matches() && fields.get(element.group(1)) instanceof List<?> list) {
                List<Object> copy = new ArrayList<>(list);
                int at = Integer.parseInt(element.group(2));
                if (at < copy.size()) {
                    copy.set(at, value);
                }
                fields.put(element.group(1), copy);
            } else if (name.contains(".")) {
                putNested(fields, name, value);
            } else {
                fields.put(name, value);
            }
        });
        return fields;
    }

    /** {@code schedule.maxRate}: one field of an object field, the object's other fields kept. */
    @SuppressWarnings("unchecked")
    private static void putNested(Map<String, Object> fields, String name, Object value) {
        int dot = name.indexOf('.');
        String head = name.substring(0, dot);
        Map<String, Object> inner = fields.get(head) instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, Object>) map)
                : new LinkedHashMap<>();
        String rest = name.substring(dot + 1);
        if (rest.contains(".")) {
            putNested(inner, rest, value);
        } else {
            inner.put(rest, value);
        }
        fields.put(head, inner);
    }

    /** A field inside an object field of the request, such as {@code schedule.maxRate}, named by its path. */
    static boolean isNestedField(String name) {
        String[] path = name.split("\\.", -1);
        Class<?> type = TrainingRequest.class;
        for (int k = 0; k < path.length; k++) {
            if (type == null || !type.isRecord() || (k == 0 && path.length < 2)) {
                return false;
            }
            String part = path[k];
            type = Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.getName().equals(part))
                    .map(component -> (Class<?>) component.getType())
                    .findFirst()
                    .orElse(null);
            if (type == null) {
                return false;
            }
        }
        return !type.isRecord();
    }
}
