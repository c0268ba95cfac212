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
        };
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
