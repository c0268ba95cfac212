package dev.backprop.api;

import dev.backprop.config.BodyTooLargeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code type}. Bad input names each field
 * that is wrong in an {@code errors} list of {@code {field, message}}; nothing about the server's
 * internals (stack traces, class names) ever reaches the client.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ObjectProvider<MultipartProperties> multipart;

    ProblemHandler(ObjectProvider<MultipartProperties> multipart) {
        this.multipart = multipart;
    }

    /** Names the limits, which Tomcat also applies to the number of parts. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        MultipartProperties limits = multipart.getIfAvailable(MultipartProperties::new);
        ProblemDetail problem = Problems.PAYLOAD_TOO_LARGE.detail("the upload is over the limits: at most "
                + readable(limits.getMaxFileSize()) + " a file (spring.servlet.multipart.max-file-size) and "
                + readable(limits.getMaxRequestSize()) + " a request (spring.servlet.multipart.max-request-size),"
                + " in a limited number of parts (server.tomcat.max-part-count); both sizes follow"
                + " backprop.datasets.max-upload-size");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    private static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return size.toMegabytes() + "MB";
        }
        return bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? size.toKilobytes() + "KB" : bytes + "B";
    }

    /** A multipart body that cannot be parsed at all: no boundary, or parts cut short. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException ex) {
        log.debug("Unreadable multipart body", ex);
        ProblemDetail problem = Problems.MALFORMED_BODY.detail(
                "the multipart/form-data body cannot be read: it needs a boundary in its Content-Type and"
                        + " complete parts");
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
        String detail = errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.INVALID_REQUEST.detail(detail);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = unreadable(ex);
        return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    /** Says which field of the JSON was wrong and how, from Jackson's path to it. */
    private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return Problems.PAYLOAD_TOO_LARGE.detail(tooLarge.getMessage());
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
            ProblemDetail problem = Problems.INVALID_REQUEST.detail(field + ": " + message);
            problem.setProperty("errors", List.of(fieldError(field, message)));
            return problem;
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return Problems.MALFORMED_BODY.detail("the body must be a JSON object"
                    + (mismatched.getTargetType() == null ? "" : " of the documented shape"));
        }
        return Problems.MALFORMED_BODY.detail("the body is missing or is not valid JSON");
    }

    private static String mismatch(JacksonException jackson) {
        if (jackson instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(ProblemHandler::jsonName)
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
                            .map(ProblemHandler::jsonName)
                            .collect(Collectors.joining(", "));
        }
        return "an object";
    }

    private static String path(List<JacksonException.Reference> references) {
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

    private static Map<String, Object> fieldError(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    /** Gives Spring's own problems (404, 405, 415, …) Backprop's type URIs. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            for (Problems kind : Problems.values()) {
                if (kind.status().value() == statusCode.value()) {
                    problem.setType(kind.type());
                    break;
                }
            }
        }
        return response;
    }

    @ExceptionHandler(InvalidFieldsException.class)
    ResponseEntity<ProblemDetail> invalidFields(InvalidFieldsException ex) {
        ProblemDetail problem = Problems.INVALID_REQUEST.detail(ex.getMessage());
        problem.setProperty(
                "errors",
                ex.problems().stream()
                        .map(p -> fieldError(p.field(), p.message()))
                        .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.NOT_FOUND.detail(ex.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
        ProblemDetail problem = Problems.CONFLICT.detail(ex.getMessage());
        ex.facts().forEach(problem::setProperty);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(CapacityExceededException.class)
    ResponseEntity<ProblemDetail> full(CapacityExceededException ex) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
                .body(Problems.QUEUE_FULL.detail(ex.getMessage()));
    }

    /** Anything else is the server's fault: logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        log.error("Unexpected error", ex);
        ProblemDetail problem = Problems.INTERNAL.detail("an unexpected error occurred; it has been logged");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }
}
