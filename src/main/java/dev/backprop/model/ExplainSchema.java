package dev.backprop.model;

import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The explanation request as generated clients must see it: {@code baseline} is {@code "black"} or 784
 * numbers (the service reads a JSON tree, whose Java type says nothing), and the picture form is
 * written inline, as /predict's is, since generators make no model of a form referenced by name.
 */
@Configuration(proxyBeanMethods = false)
class ExplainSchema {

    private static final String FORM = "ExplainPictureForm";

    @Bean
    OpenApiCustomizer explainRequestShapes() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Schema<?> request = schemas.get("ExplainRequest");
            if (request != null && request.getProperties() != null) {
                request.getProperties().put("baseline", baseline());
            }
            schemas.remove("JsonNode");
            Schema<?> form = schemas.remove(FORM);
            if (form == null || openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        RequestBody body = operation.getRequestBody();
                        if (body == null || body.getContent() == null) {
                            return;
                        }
                        body.getContent().values().forEach(media -> {
                            if (media.getSchema() != null
                                    && ("#/components/schemas/" + FORM)
                                            .equals(media.getSchema().get$ref())) {
                                media.setSchema(form);
                            }
                        });
                    }));
        };
    }

    /**
     * Either a name or the pixels, as one schema of two types rather than a {@code oneOf}: openapi-generator's
     * Java client cannot compile a {@code oneOf} that holds an array.
     */
    private static Schema<?> baseline() {
        Schema<Object> field = new Schema<>();
        field.setTypes(new java.util.LinkedHashSet<>(java.util.List.of("string", "array", "null")));
        field.setItems(
                new NumberSchema().minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(255)));
        field.setDescription(
                "Integrated gradients' starting point: \"black\" (the default) or 784 numbers 0–255," + " row-major");
        field.setExample("black");
        return field;
    }
}
