package dev.backprop.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the document say what the service sends, for every operation at once (those added later
 * too): JSON answers as {@code application/json} rather than springdoc's {@code *}{@code /*}; files as
 * {@code format: binary} in their real media types; event streams as {@code text/event-stream}; JSON
 * before multipart in request bodies (Swagger UI shows the first); the page parameters and
 * {@code Link} header of every list; request schemas without the {@code required} that
 * {@link NullableFields} gives always-written response fields.
 */
@Configuration(proxyBeanMethods = false)
class ContractFixes {

    private static final String JSON = "application/json";
    private static final String MULTIPART = "multipart/form-data";
    private static final String EVENTS = "text/event-stream";

    @Bean
    OpenApiCustomizer responsesAsSent() {
        return openApi -> {
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperations().forEach(operation -> {
                        if (operation.getResponses() != null) {
                            operation.getResponses().forEach((code, response) -> fixResponse(path, response));
                        }
                        fixRequestBody(path, operation);
                        fixListParameters(operation);
                    }));
            requestSchemasOptional(openApi);
            if (openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().remove("SseEmitter");
            }
        };
    }

    private static void fixResponse(String path, ApiResponse response) {
        Content content = response.getContent();
        if (content == null) {
            return;
        }
        MediaType any = content.remove("*/*");
        if (any != null) {
            if (isBytes(any.getSchema())) {
                // Only the export answers bytes as "anything": the model file, or network2.py's JSON.
                content.addMediaType("application/octet-stream", new MediaType().schema(binary()));
                // network2.py's JSON is a file too: clients save it, they do not parse it into models.
                content.addMediaType(JSON, new MediaType().schema(binary()));
            } else {
                content.addMediaType(JSON, any);
            }
        }
        content.forEach((type, media) -> {
            if (isBytes(media.getSchema())) {
                media.setSchema(binary());
            }
        });
        if (content.containsKey(EVENTS)) {
            content.get(EVENTS).setSchema(eventStream(path));
        }
    }

    private static boolean isBytes(Schema<?> schema) {
        return schema != null && "byte".equals(schema.getFormat());
    }

    private static Schema<?> binary() {
        JsonSchema bytes = ProblemSchema.typed("string", null);
        bytes.setFormat("binary");
        return bytes;
    }

    /** The stream as text whose events carry the schemas named in the description. */
    private static Schema<?> eventStream(String path) {
        String events = path.contains("/sweeps/")
                ? "`sweep` carries the whole Sweep at every change; the stream ends after a finished sweep's event."
                : "`epoch` carries an EpochMetrics, `progress` an {\"epoch\", \"progress\"} object, `status` the"
                        + " whole Job; the stream ends after a finished job's `status`.";
        JsonSchema stream = ProblemSchema.typed(
                "string", "Server-sent events, each `event: <name>` and one `data:` line of JSON: " + events);
        stream.setContentMediaType(EVENTS);
        return stream;
    }

    /** JSON first (Swagger UI's default body), multipart second; one file part for a single prediction. */
    private static void fixRequestBody(String path, Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        Content content = operation.getRequestBody().getContent();
        if (content.containsKey(JSON) && content.containsKey(MULTIPART)) {
            Content ordered = new Content();
            ordered.addMediaType(JSON, content.get(JSON));
            content.forEach((type, media) -> {
                if (!type.equals(JSON)) {
                    ordered.addMediaType(type, media);
                }
            });
            operation.getRequestBody().setContent(ordered);
        }
        MediaType multipart = operation.getRequestBody().getContent().get(MULTIPART);
        if (multipart != null
                && path.endsWith("/predict")
                && multipart.getSchema() != null
                && multipart.getSchema().getProperties() != null) {
            Schema<?> file = binary();
            file.setDescription("A PNG, JPEG, GIF or BMP of any size");
            multipart.getSchema().getProperties().put("file", file);
            multipart.getSchema().setRequired(List.of("file"));
        }
    }

    /** {@code limit} as an integer, and the {@code Link} header, on every list that pages. */
    private static void fixListParameters(Operation operation) {
        List<Parameter> parameters = operation.getParameters();
        if (parameters == null || parameters.stream().noneMatch(p -> "cursor".equals(p.getName()))) {
            return;
        }
        parameters.stream().filter(p -> "limit".equals(p.getName())).forEach(limit -> {
            JsonSchema schema = ProblemSchema.typed("integer", null);
            schema.setFormat("int32");
            schema.setMinimum(java.math.BigDecimal.ONE);
            schema.setMaximum(java.math.BigDecimal.valueOf(1000));
            @SuppressWarnings("unchecked")
            Schema<Object> typed = (Schema<Object>) (Schema<?>) schema;
            typed.setDefault(100);
            limit.setSchema(schema);
        });
        ApiResponse ok = operation.getResponses().get("200");
        if (ok != null) {
            ok.setDescription("A page, newest first");
            ok.addHeaderObject(
                    "Link",
                    new Header()
                            .description("`<…?limit=…&cursor=…>; rel=\"next\"` while more items remain")
                            .schema(ProblemSchema.typed("string", null)));
        }
    }

    /** Schemas a request body reaches keep only the {@code required} their annotations gave. */
    private static void requestSchemasOptional(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Deque<String> pending = new ArrayDeque<>();
        openApi.getPaths()
                .values()
                .forEach(item -> item.readOperations().forEach(operation -> {
                    if (operation.getRequestBody() != null
                            && operation.getRequestBody().getContent() != null) {
                        operation
                                .getRequestBody()
                                .getContent()
                                .values()
                                .forEach(media -> refs(media.getSchema(), pending));
                    }
                }));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            Schema<?> schema = schemas.get(name);
            if (schema == null || !seen.add(name)) {
                continue;
            }
            if (schema.getRequired() != null) {
                List<String> kept = schema.getRequired().stream()
                        .filter(field -> !NullableFields.addedRequired(name).contains(field))
                        .toList();
                schema.setRequired(kept.isEmpty() ? null : new java.util.ArrayList<>(kept));
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(property -> refs(property, pending));
            }
        }
    }

    private static void refs(Schema<?> schema, Deque<String> into) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            into.push(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        refs(schema.getItems(), into);
        for (List<Schema> branches : java.util.Arrays.asList(schema.getOneOf(), schema.getAnyOf(), schema.getAllOf())) {
            if (branches != null) {
                branches.forEach(branch -> refs(branch, into));
            }
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            refs(values, into);
        }
        if (schema.getProperties() != null) {
            new LinkedHashMap<>(schema.getProperties()).values().forEach(property -> refs(property, into));
        }
    }
}
