package dev.backprop.sweep;

import dev.backprop.job.TrainingRequest;
import java.util.ArrayList;
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
        fields.put("name", label + " · trial " + (index + 1));
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
            } else {
                fields.put(name, value);
            }
        });
        return fields;
    }
}
