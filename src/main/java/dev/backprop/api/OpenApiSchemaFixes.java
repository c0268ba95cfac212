package dev.backprop.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the document's values match their schemas, as validators and client generators require:
 * annotations can only give a default as a string ({@code defaultValue = "3.0"}), so numeric and
 * boolean defaults are turned into numbers and booleans here; and the prediction examples become whole
 * 28×28 images (a drawn 1), so that "Try it out" sends something the endpoint accepts.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiSchemaFixes {

    private static final int PIXELS = 784;

    @Bean
    OpenApiCustomizer typedDefaultsAndWholeExamples() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            openApi.getComponents().getSchemas().values().forEach(OpenApiSchemaFixes::typeDefaults);
            wholeImageExamples(openApi);
            onePredictionSchema(openApi);
            nestedTensorData(openApi);
        };
    }

    /**
     * A prediction operation answers a plain prediction for JSON and a picture prediction (the same
     * fields plus {@code input} and {@code picture}) for a picture. As {@code oneOf} every picture answer
     * matched both; one schema whose extra fields are optional is what the wire holds, and every
     * generator reads it.
     */
    private static void onePredictionSchema(OpenAPI openApi) {
        Map<String, String> pictureOf =
                Map.of("Prediction", "PicturePrediction", "BatchPredictionResponse", "PictureBatchPredictionResponse");
        openApi.getPaths()
                .values()
                .forEach(item -> item.readOperations().forEach(operation -> {
                    if (operation.getResponses() == null) {
                        return;
                    }
                    operation.getResponses().values().forEach(response -> {
                        if (response.getContent() == null) {
                            return;
                        }
                        response.getContent().values().forEach(media -> {
                            Schema<?> schema = media.getSchema();
                            if (schema == null || schema.getOneOf() == null) {
                                return;
                            }
                            for (Object branch : schema.getOneOf()) {
                                String ref = ((Schema<?>) branch).get$ref();
                                String name = ref == null ? "" : ref.substring(ref.lastIndexOf('/') + 1);
                                if (pictureOf.containsKey(name)) {
                                    media.setSchema(new Schema<>().$ref("#/components/schemas/" + pictureOf.get(name)));
                                }
                            }
                        });
                    });
                }));
        Schema<?> picture = openApi.getComponents().getSchemas().get("PicturePrediction");
        if (picture != null) {
            picture.setDescription("A prediction: label, confidence and ten probabilities; for a picture also the"
                    + " 28×28 `input` the model saw and how the `picture` was read (absent for JSON input)");
            picture.setRequired(new ArrayList<>(List.of("label", "confidence", "probabilities")));
            picture.setExample(predictionExample());
        }
    }

    /** The Open Inference Protocol's {@code data}: flat or nested arrays of numbers. */
    private static void nestedTensorData(OpenAPI openApi) {
        Schema<?> input = openApi.getComponents().getSchemas().get("InferenceRequestInput");
        if (input != null
                && input.getProperties() != null
                && input.getProperties().get("data") != null) {
            Schema<Object> element = new io.swagger.v3.oas.models.media.JsonSchema();
            element.setDescription("A number, or an array of elements (nested data)");
            input.getProperties().get("data").setItems(element);
        }
    }

    /** What {@code /predict} answers for the drawn 1: ten probabilities summing to 1. */
    private static Map<String, Object> predictionExample() {
        List<Double> probabilities =
                List.of(0.0021, 0.9712, 0.0063, 0.0018, 0.0030, 0.0012, 0.0027, 0.0054, 0.0049, 0.0014);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("label", 1);
        example.put("confidence", 0.9712);
        example.put("probabilities", probabilities);
        return example;
    }

    private static void typeDefaults(Schema<?> schema) {
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiSchemaFixes::typeDefaults);
        }
        if (!(schema.getDefault() instanceof String text)) {
            return;
        }
        Set<String> types = schema.getTypes() != null ? schema.getTypes() : Set.of(String.valueOf(schema.getType()));
        @SuppressWarnings("unchecked")
        Schema<Object> any = (Schema<Object>) schema;
        if (types.contains("integer")) {
            any.setDefault(Long.valueOf(text));
        } else if (types.contains("number")) {
            any.setDefault(new BigDecimal(text));
        } else if (types.contains("boolean")) {
            any.setDefault(Boolean.valueOf(text));
        }
    }

    private static void wholeImageExamples(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        List<Integer> one = drawnOne();
        if (schemas.containsKey("PredictRequest")) {
            schemas.get("PredictRequest").setExample(Map.of("pixels", one));
        }
        if (schemas.containsKey("InferenceRequest")) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("name", "input");
            input.put("shape", List.of(1, PIXELS));
            input.put("datatype", "UINT8");
            input.put("data", one);
            schemas.get("InferenceRequest").setExample(Map.of("id", "42", "inputs", List.of(input)));
        }
    }

    /** A 28×28 image of a 1: a vertical stroke three pixels wide down the middle. */
    static List<Integer> drawnOne() {
        List<Integer> pixels = new ArrayList<>(PIXELS);
        for (int i = 0; i < PIXELS; i++) {
            int row = i / 28;
            int column = i % 28;
            pixels.add(row >= 4 && row < 24 && column >= 13 && column < 16 ? 255 : 0);
        }
        return pixels;
    }
}
