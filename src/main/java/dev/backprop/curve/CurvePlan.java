package dev.backprop.curve;

import dev.backprop.job.DerivedJobName;
import dev.backprop.job.TrainingRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs a resolved learning curve request stands for, one per size and seed, smallest size first. A
 * pure function of the request, so that a replica taking the curve over rebuilds the same jobs.
 */
record CurvePlan(LearningCurveRequest request, List<PointJob> points) {

    /** One point's job. */
    record PointJob(int size, long seed, int epochs, TrainingRequest request) {}

    static CurvePlan of(String curveId, LearningCurveRequest request, JsonMapper json) {
        Map<String, Object> base = request.base();
        int largest = request.sizes().stream().mapToInt(Integer::intValue).max().orElse(1);
        int baseEpochs = number(base.get("epochs"), 30);
        double baseL2 = base.get("l2") instanceof Number l2 ? l2.doubleValue() : 0;
        int validation = number(base.get("validationSize"), 0);
        long firstSeed = ((Number) base.get("seed")).longValue();
        String label = request.name() == null ? "curve " + curveId.substring(0, 8) : request.name();
        List<PointJob> points = new ArrayList<>();
        for (int size : request.sizes()) {
            int epochs = epochs(request.epochsPerSize(), baseEpochs, largest, size);
            for (int k = 0; k < request.seeds(); k++) {
                Map<String, Object> fields = new LinkedHashMap<>(base);
                fields.put("name", DerivedJobName.of(label, " · " + size + " examples · seed " + (firstSeed + k)));
                fields.put("modelName", "curve-" + curveId.substring(0, 8));
                fields.put("trainLimit", size + validation);
                fields.put("epochs", epochs);
                fields.put("seed", firstSeed + k);
                // Measured once, at the end: the smallest sizes run thousands of epochs of a few batches.
                fields.put("measureEvery", epochs);
                if (request.scaleL2()) {
                    fields.put("l2", baseL2 * size / largest);
                }
                points.add(new PointJob(size, firstSeed + k, epochs, json.convertValue(fields, TrainingRequest.class)));
            }
        }
        return new CurvePlan(request, List.copyOf(points));
    }

    /** Epochs at {@code size}: the base's, or as many as give the largest size's count of examples. */
    static int epochs(String epochsPerSize, int baseEpochs, int largest, int size) {
        if (epochsPerSize.equals("sameExamples")) {
            return (int) Math.max(1, Math.round((double) baseEpochs * largest / size));
        }
        return baseEpochs;
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
