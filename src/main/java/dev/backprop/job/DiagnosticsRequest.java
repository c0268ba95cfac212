package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backprop.engine.DiagnosticsSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Whether and how a job measures its layers: {@code false} turns the diagnostics off, {@code true} or
 * an object turns them on, {@code {"probe": 1000, "everySteps": null}} by default.
 *
 * @param enabled    false for {@code "diagnostics": false}
 * @param probe      training examples measured (the first ones that train)
 * @param everySteps also measure every this many mini-batch steps; null for epoch ends only
 * @see DiagnosticsSchema its schema in the API document
 */
@JsonDeserialize(using = DiagnosticsRequest.Reader.class)
public record DiagnosticsRequest(
        boolean enabled,
        @Positive @Max(MAX_PROBE) Integer probe,
        @Positive Integer everySteps) {

    /** The probe runs as one batch through the layers: 10,000 examples keep its buffers to tens of MB. */
    static final int MAX_PROBE = 10_000;

    static DiagnosticsRequest defaults() {
        return new DiagnosticsRequest(true, DiagnosticsSettings.DEFAULT_PROBE, null);
    }

    static DiagnosticsRequest off() {
        return new DiagnosticsRequest(false, null, null);
    }

    DiagnosticsRequest withDefaults() {
        return enabled && probe == null
                ? new DiagnosticsRequest(true, DiagnosticsSettings.DEFAULT_PROBE, everySteps)
                : this;
    }

    /** The engine's settings, or null when off; call on a request with defaults filled in. */
    DiagnosticsSettings engine() {
        return enabled ? new DiagnosticsSettings(probe, everySteps == null ? 0 : everySteps) : null;
    }

    /** {@code false}, or the settings as an object. */
    @JsonValue
    public Object json() {
        if (!enabled) {
            return false;
        }
        Map<String, Integer> settings = new LinkedHashMap<>();
        settings.put("probe", probe);
        settings.put("everySteps", everySteps);
        return settings;
    }

    /** Reads {@code true}, {@code false} or {@code {"probe", "everySteps"}}; anything else is a 400 naming the field. */
    static final class Reader extends ValueDeserializer<DiagnosticsRequest> {

        @Override
        public DiagnosticsRequest deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_FALSE) {
                return off();
            }
            if (token == JsonToken.VALUE_TRUE) {
                return new DiagnosticsRequest(true, null, null);
            }
            if (token != JsonToken.START_OBJECT) {
                return context.reportInputMismatch(
                        DiagnosticsRequest.class, "expected false, true or {\"probe\": N, \"everySteps\": K}");
            }
            Integer probe = null;
            Integer everySteps = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                parser.nextToken();
                switch (name) {
                    case "probe" -> probe = wholeNumber(parser, context, name);
                    case "everySteps" -> everySteps = wholeNumber(parser, context, name);
                    default ->
                        throw UnrecognizedPropertyException.from(
                                parser, DiagnosticsRequest.class, name, List.of("probe", "everySteps"));
                }
            }
            return new DiagnosticsRequest(true, probe, everySteps);
        }

        /** The field's number; a wrong type is a problem that names {@code diagnostics.<name>}. */
        private static Integer wholeNumber(JsonParser parser, DeserializationContext context, String name) {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            try {
                return context.readValue(parser, Integer.class);
            } catch (JacksonException e) {
                throw JacksonException.wrapWithPath(e, DiagnosticsRequest.class, name);
            }
        }
    }
}
