package dev.backprop.job;

import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request's {@code diagnostics} field in the API document: {@code false}, {@code true} or an object.
 * {@link DiagnosticsRequest} reads and writes itself by hand, so the generator cannot see its shape.
 */
@Configuration(proxyBeanMethods = false)
class DiagnosticsSchema {

    @Bean
    OpenApiCustomizer diagnosticsField() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            Schema<?> request = openApi.getComponents().getSchemas().get("TrainingRequest");
            if (request != null && request.getProperties() != null) {
                request.getProperties().put("diagnostics", schema());
            }
        };
    }

    static Schema<?> schema() {
        Schema<?> probe = new IntegerSchema()
                .minimum(BigDecimal.ONE)
                .maximum(BigDecimal.valueOf(DiagnosticsRequest.MAX_PROBE))
                ._default(1000)
                .description("Training examples in the probe: the first ones that train");
        Schema<?> everySteps = new IntegerSchema()
                .minimum(BigDecimal.ONE)
                .description("Also measure every this many mini-batch steps, under `steps` in the job; null for"
                        + " epoch ends only");
        everySteps.setTypes(new java.util.LinkedHashSet<>(List.of("integer", "null")));
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("probe", probe);
        properties.put("everySteps", everySteps);
        Schema<?> settings = new ObjectSchema().properties(properties).additionalProperties(false);
        Schema<Object> field = new Schema<>();
        field.setOneOf(
                List.of(new BooleanSchema().description("false turns the diagnostics off; true: defaults"), settings));
        field.setDescription("Per-layer diagnostics measured on a fixed probe of training examples at every epoch's"
                + " end (`layers` in each epoch): `false` turns them off; `{\"probe\": N, \"everySteps\": K}` sets"
                + " the probe's size and also measures every K steps. Default `{\"probe\": 1000}`");
        field.setExample(Map.of("probe", 1000));
        return field;
    }
}
