package dev.backprop.api;

import java.util.Collection;
import java.util.Locale;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Refuses unknown fields in bodies of {@link RefusesUnknownFields} types, wherever they are nested
 * (a sweep's base request too), with the field's path; other types keep ignoring them.
 */
@Configuration(proxyBeanMethods = false)
public class UnknownFields extends DeserializationProblemHandler {

    @Bean
    static JsonMapperBuilderCustomizer refuseUnknownFields() {
        return builder -> builder.addHandler(new UnknownFields());
    }

    @Override
    public boolean handleUnknownProperty(
            DeserializationContext context,
            JsonParser parser,
            ValueDeserializer<?> deserializer,
            Object beanOrClass,
            String propertyName) {
        Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        if (!type.isAnnotationPresent(RefusesUnknownFields.class)) {
            return false;
        }
        throw UnrecognizedPropertyException.from(
                parser, beanOrClass, propertyName, deserializer.getKnownPropertyNames());
    }

    /** "; did you mean learningRate?" for a field that differs from a known one in case or a letter or two. */
    public static String suggestion(UnrecognizedPropertyException unknown) {
        Collection<Object> known = unknown.getKnownPropertyIds();
        if (known == null || unknown.getPropertyName() == null) {
            return "";
        }
        String given = unknown.getPropertyName().toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (Object id : known) {
            String name = String.valueOf(id);
            int distance = distance(given, name.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }

    /** Levenshtein distance of two short names. */
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2 || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
