package dev.backprop.api;

import dev.backprop.failure.BodyTooLargeException;
import dev.backprop.failure.BodyTooSlowException;
import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import dev.backprop.problem.Problems;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** What was wrong with a JSON body, in words that name the field: the detail of a 400 for an unreadable body. */
public final class JsonProblems {

    private JsonProblems() {}

    /** Says which field of the JSON was wrong and how, from Jackson's path to it. */
    static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return Problems.PAYLOAD_TOO_LARGE.detail(tooLarge.getMessage());
            }
            if (cause instanceof BodyTooSlowException tooSlow) {
                return Problems.REQUEST_TIMEOUT.detail(tooSlow.getMessage());
            }
        }
        Throwable cause = ex.getMostSpecificCause();
        // Broken JSON first: a body cut off inside an array also carries a path, but its problem is the syntax.
        // (A syntax error has a place in the body; Jackson's failed attempts to read a string as an array, say,
        // have none, and are reported below as the wrong type for their field.)
        if (cause instanceof StreamReadException syntax
                && syntax.getLocation() != null
                && syntax.getLocation().getLineNr() > 0) {
            String where = " at line " + syntax.getLocation().getLineNr() + ", column "
                    + syntax.getLocation().getColumnNr();
            String near = syntax.getPath().isEmpty() ? "" : " (in " + path(syntax.getPath()) + ")";
            return Problems.MALFORMED_BODY.detail("the body is not valid JSON" + where + near);
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = path(jackson.getPath());
            String message = mismatch(jackson);
            return Problems.INVALID_REQUEST.withErrors(List.of(new FieldProblem(field, message)));
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return Problems.MALFORMED_BODY.detail("the body must be a JSON object"
                    + (mismatched.getTargetType() == null ? "" : " of the documented shape"));
        }
        return Problems.MALFORMED_BODY.detail("the body is missing or is not valid JSON");
    }

    private static String mismatch(JacksonException jackson) {
        if (jackson instanceof InputLimitException limit) {
            return limit.getOriginalMessage();
        }
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return "is not a field of this request" + UnknownFields.suggestion(unknown);
        }
        if (jackson instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(JsonProblems::jsonName)
                    .collect(Collectors.joining(", "));
            return "'" + shortened(String.valueOf(invalid.getValue())) + "' is not one of " + allowed;
        }
        if (jackson instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + describe(mismatched.getTargetType());
        }
        java.lang.reflect.Type declared = declaredType(jackson.getPath());
        return declared == null ? "has the wrong type" : "expected " + describe(rawType(declared));
    }

    /** A value echoed back cut to a short prefix: a 10 MB string answers a few dozen characters, not 10 MB. */
    static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "… (" + value.length() + " characters)";
    }

    /** The Java type the path leads to, from the declared types of the properties along it. */
    private static java.lang.reflect.Type declaredType(List<JacksonException.Reference> path) {
        java.lang.reflect.Type type = null;
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                Object from = reference.from();
                Class<?> owner = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
                type = owner == null ? null : propertyType(owner, reference.getPropertyName());
            } else if (type != null) {
                type = elementType(type);
            }
            if (type == null) {
                return null;
            }
        }
        return type;
    }

    private static java.lang.reflect.Type propertyType(Class<?> owner, String name) {
        if (owner.isRecord()) {
            for (var component : owner.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getGenericType();
                }
            }
        }
        return null;
    }

    private static java.lang.reflect.Type elementType(java.lang.reflect.Type type) {
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        if (type instanceof java.lang.reflect.ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return null;
    }

    private static Class<?> rawType(java.lang.reflect.Type type) {
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return type instanceof Class<?> c ? c : Object.class;
    }

    private static String jsonName(Object constant) {
        return constant.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(JsonProblems::jsonName)
                            .collect(Collectors.joining(", "));
        }
        return "an object";
    }

    /** Jackson's path to a value as a client writes it: {@code layers[2]}, {@code schedule.stepSize}. */
    public static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
