package dev.backprop.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Says in the document what Jackson does with the service's records: it writes every component, so a
 * primitive one is always there (required) and any other may be {@code null} (typed {@code [T, "null"]}
 * in OpenAPI 3.1). Without it a strict validator rejects every {@code "finishedAt": null}, and generated
 * clients cannot tell a prediction from a picture prediction. Request schemas lose the added
 * {@code required} again in {@link ContractFixes}: there an absent field takes its default.
 */
@Component
class NullableFields implements ModelConverter {

    /** Per schema name, the properties this converter made required (and a request schema must not keep). */
    private static final Map<String, Set<String>> ADDED_REQUIRED = new ConcurrentHashMap<>();

    static Set<String> addedRequired(String schema) {
        return ADDED_REQUIRED.getOrDefault(schema, Set.of());
    }

    @Override
    public Schema<?> resolve(
            AnnotatedType type, ModelConverterContext context, java.util.Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema<?> resolved = chain.next().resolve(type, context, chain);
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (resolved == null || !raw.isRecord() || !raw.getPackageName().startsWith("dev.backprop")) {
            return resolved;
        }
        Schema<?> model = resolved.get$ref() == null
                ? resolved
                : context.getDefinedModels()
                        .get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
        if (model == null || model.getProperties() == null) {
            return resolved;
        }
        Set<String> added = new HashSet<>();
        for (Map.Entry<String, Class<?>> property : writtenProperties(raw).entrySet()) {
            String name = property.getKey();
            Schema<?> schema = model.getProperties().get(name);
            boolean required =
                    model.getRequired() != null && model.getRequired().contains(name);
            if (schema == null || required) {
                continue;
            }
            if (property.getValue().isPrimitive()) {
                model.addRequiredItem(name);
                added.add(name);
            } else {
                model.getProperties().put(name, nullable(schema));
            }
        }
        if (model.getName() != null) {
            ADDED_REQUIRED.put(model.getName(), added);
        }
        return resolved;
    }

    /** What Jackson writes of a record: its components and its {@code @JsonProperty} methods, by JSON name. */
    private static Map<String, Class<?>> writtenProperties(Class<?> record) {
        Map<String, Class<?>> properties = new java.util.LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            if (!component.isAnnotationPresent(NotNull.class)) {
                properties.put(jsonName(component), component.getType());
            }
        }
        for (java.lang.reflect.Method method : record.getMethods()) {
            JsonProperty property = method.getAnnotation(JsonProperty.class);
            if (property != null
                    && method.getParameterCount() == 0
                    && !property.value().isEmpty()) {
                properties.putIfAbsent(property.value(), method.getReturnType());
            }
        }
        return properties;
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAnnotation(JsonProperty.class);
        if (property == null) {
            property = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    /** The same schema that also admits {@code null}. */
    static Schema<?> nullable(Schema<?> schema) {
        if (schema.get$ref() != null) {
            JsonSchema either = new JsonSchema();
            either.setDescription(schema.getDescription());
            either.setOneOf(new ArrayList<>(List.of(new JsonSchema().$ref(schema.get$ref()), nullSchema())));
            return either;
        }
        Set<String> types = schema.getTypes() != null ? new LinkedHashSet<>(schema.getTypes()) : new LinkedHashSet<>();
        if (types.isEmpty() && schema.getType() != null) {
            types.add(schema.getType());
        }
        if (types.isEmpty()) {
            // No type at all (a oneOf, or anything): a oneOf gains a null branch; a bare schema admits null already.
            if (schema.getOneOf() != null && schema.getOneOf().stream().noneMatch(NullableFields::isNull)) {
                schema.getOneOf().add(nullSchema());
            }
            return schema;
        }
        types.add("null");
        schema.setTypes(types);
        if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
            @SuppressWarnings("unchecked")
            Schema<Object> any = (Schema<Object>) schema;
            List<Object> values = new ArrayList<>(schema.getEnum());
            values.add(null);
            any.setEnum(values);
        }
        return schema;
    }

    private static boolean isNull(Schema<?> schema) {
        return schema.getTypes() != null && schema.getTypes().equals(Set.of("null"));
    }

    private static JsonSchema nullSchema() {
        JsonSchema none = new JsonSchema();
        none.setTypes(new LinkedHashSet<>(Set.of("null")));
        return none;
    }
}
