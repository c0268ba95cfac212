package dev.backprop.sweep;

import dev.backprop.job.TrainingRequest;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, Object> fields = new LinkedHashMap<>(request.base());
        fields.putAll(parameters);
        String label = request.name() == null ? "sweep " + sweepId.substring(0, 8) : request.name();
        fields.put("name", label + " · trial " + (index + 1));
        fields.put("modelName", "sweep-" + sweepId.substring(0, 8));
        return json.convertValue(fields, TrainingRequest.class);
    }
}
