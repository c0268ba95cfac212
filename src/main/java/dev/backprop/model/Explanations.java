package dev.backprop.model;

import dev.backprop.engine.Classifier;
import dev.backprop.engine.ExampleSet;
import dev.backprop.engine.Explainer;
import dev.backprop.failure.InvalidFieldsException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import tools.jackson.databind.JsonNode;

/** An explanation request checked field by field, then run on a model: what /explain does, whatever the body. */
final class Explanations {

    static final int MIN_STEPS = 1;
    /** Enough for completeness within 0.1% on the networks measured; each step is one more batch row. */
    static final int MAX_STEPS = 512;

    static final int DEFAULT_STEPS = 64;
    static final int OCCLUSION_PATCH = 4;

    /** One explainer per loaded model (it keeps each layer's Wᵀ); dropped with the model. */
    private static final Map<Classifier, Explainer> EXPLAINERS = Collections.synchronizedMap(new WeakHashMap<>());

    private Explanations() {}

    /** What to explain and how, checked. */
    record Options(String method, Integer target, int steps, float[] baseline) {

        static Options of(String method, Integer target, Integer steps, float[] baseline) {
            String chosen = method == null ? "integrated_gradients" : method.toLowerCase(Locale.ROOT);
            if (!chosen.equals("integrated_gradients") && !chosen.equals("saliency") && !chosen.equals("occlusion")) {
                throw new InvalidFieldsException(
                        "method", "'" + method + "' is not one of integrated_gradients, saliency, occlusion");
            }
            if (steps != null && (steps < MIN_STEPS || steps > MAX_STEPS)) {
                throw new InvalidFieldsException(
                        "steps",
                        steps + " is outside " + MIN_STEPS + "–" + MAX_STEPS + " (default " + DEFAULT_STEPS + ")");
            }
            return new Options(
                    chosen,
                    target,
                    steps == null ? DEFAULT_STEPS : steps,
                    baseline == null ? new float[ModelInput.PIXELS] : baseline);
        }
    }

    /** A form field that must be a whole number, or absent (null). */
    static Integer wholeNumber(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldsException(field, "'" + text + "' is not a whole number");
        }
    }

    /** A JSON baseline: absent or "black" (null: all zeros), or 784 numbers 0–255, scaled. */
    static float[] baseline(JsonNode node) {
        if (node == null || node.isNull() || (node.isString() && node.asString().equalsIgnoreCase("black"))) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidFieldsException("baseline", "give \"black\" or 784 numbers 0–255");
        }
        if (node.size() != ModelInput.PIXELS) {
            throw new InvalidFieldsException("baseline", "expected 784 numbers (28×28), got " + node.size());
        }
        float[] scaled = new float[ModelInput.PIXELS];
        for (int i = 0; i < scaled.length; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber() || !(value.asDouble() >= 0 && value.asDouble() <= 255)) {
                throw new InvalidFieldsException("baseline[" + i + "]", value + " is not a number in 0–255");
            }
            scaled[i] = (float) value.asDouble() * ExampleSet.PIXEL_SCALE;
        }
        return scaled;
    }

    /** A multipart baseline: absent or "black", or 784 comma-separated numbers 0–255. */
    static float[] baseline(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("black")) {
            return null;
        }
        String[] parts = text.split(",");
        if (parts.length != ModelInput.PIXELS) {
            throw new InvalidFieldsException(
                    "baseline", "expected \"black\" or 784 comma-separated numbers, got " + parts.length);
        }
        float[] scaled = new float[ModelInput.PIXELS];
        for (int i = 0; i < scaled.length; i++) {
            double value;
            try {
                value = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!(value >= 0 && value <= 255)) {
                throw new InvalidFieldsException(
                        "baseline[" + i + "]", "'" + parts[i].strip() + "' is not a number in 0–255");
            }
            scaled[i] = (float) value * ExampleSet.PIXEL_SCALE;
        }
        return scaled;
    }

    /** The explanation of {@code input} (scaled to [0, 1]) by {@code classifier}. */
    static ExplanationResponse explain(Classifier classifier, float[] input, Options options) {
        Classifier.Prediction prediction = classifier.predict(input);
        int target = options.target() == null ? prediction.label() : options.target();
        if (target < 0 || target >= classifier.classes()) {
            throw new InvalidFieldsException(
                    "target", target + " is not a class of this model (0–" + (classifier.classes() - 1) + ")");
        }
        Explainer explainer = EXPLAINERS.computeIfAbsent(classifier, Explainer::new);
        Explainer.Explanation explanation = switch (options.method()) {
            case "saliency" -> explainer.saliency(input, target);
            case "occlusion" -> explainer.occlusion(input, target, OCCLUSION_PATCH);
            default -> explainer.integratedGradients(input, target, options.baseline(), options.steps());
        };
        return ExplanationResponse.of(prediction, options.method(), explanation, input);
    }
}
