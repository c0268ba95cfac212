package dev.backprop.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RFC 9457 problem as the service sends it: {@code type} and {@code instance} relative references
 * ({@code /problems/not-found}), not absolute URIs; {@code errors} naming each bad field; further facts
 * (such as {@code currentStatus}) as extension members. Spring's {@code ProblemDetail} class would
 * document a {@code properties} map that never appears on the wire.
 */
final class ProblemSchema {

    static final String NAME = "Problem";
    static final String REF = "#/components/schemas/" + NAME;
    static final String OPEN_INFERENCE_ERROR_REF = "#/components/schemas/InferenceError";

    private ProblemSchema() {}

    static void define(OpenAPI openApi) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                string("A relative reference naming the kind of problem").format("uri-reference"));
        properties.put("title", string("The kind of problem, for people"));
        properties.put("status", typed("integer", "The HTTP status").format("int32"));
        properties.put("detail", NullableFields.nullable(string("What went wrong this time, for people")));
        properties.put(
                "instance",
                NullableFields.nullable(string("The path the request named").format("uri-reference")));
        Map<String, Schema> error = new LinkedHashMap<>();
        error.put("field", string("The field, parameter or part (with an index for the n-th picture)"));
        error.put("message", string("What is wrong with it"));
        JsonSchema errorSchema = typed("object", "One bad field");
        errorSchema.setProperties(error);
        errorSchema.setRequired(List.of("message"));
        JsonSchema errors = typed("array", "Each bad field, on every invalid-request problem");
        errors.setItems(errorSchema);
        properties.put("errors", errors);
        JsonSchema problem = typed("object", "An RFC 9457 problem detail (application/problem+json)");
        problem.setProperties(properties);
        problem.setRequired(List.of("type", "title", "status"));
        problem.setExample(Map.of(
                "type", "/problems/invalid-request",
                "title", "Invalid request",
                "status", 400,
                "detail", "learningRate: must be greater than 0",
                "instance", "/api/v1/jobs",
                "errors", List.of(Map.of("field", "learningRate", "message", "must be greater than 0"))));
        openApi.getComponents().addSchemas(NAME, problem);
        openApi.getComponents().getSchemas().remove("ProblemDetail");
    }

    private static JsonSchema string(String description) {
        return typed("string", description);
    }

    static JsonSchema typed(String type, String description) {
        JsonSchema schema = new JsonSchema();
        schema.setTypes(new LinkedHashSet<>(Set.of(type)));
        schema.setDescription(description);
        return schema;
    }
}
