package dev.backprop.inference;

import dev.backprop.api.HungUpClients;
import dev.backprop.api.JsonProblems;
import dev.backprop.api.ProtocolErrors;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Errors of the Open Inference Protocol endpoints in the protocol's shape, {@code {"error": "…"}}, ahead of
 * the problem details every other endpoint answers with. Like those, they never show internals. Spring MVC's
 * routing failures under {@code /v2} (no such endpoint, a method the path does not take) reach the one
 * problem handler, which asks this class for their body.
 */
@RestControllerAdvice(assignableTypes = InferenceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class InferenceErrors implements ProtocolErrors {

    private static final Logger log = LoggerFactory.getLogger(InferenceErrors.class);

    @ExceptionHandler(InferenceException.class)
    ResponseEntity<InferenceError> refused(InferenceException ex) {
        return ResponseEntity.status(ex.status()).body(new InferenceError(ex.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<InferenceError> unreadable(HttpMessageNotReadableException ex) {
        return ResponseEntity.badRequest().body(new InferenceError(describe(ex)));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<InferenceError> notJson(HttpMediaTypeNotSupportedException ex) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(
                        new InferenceError(
                                "the request must be application/json, or carry the header Inference-Header-Content-Length for binary tensor data"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<InferenceError> other(Exception ex) {
        if (HungUpClients.gone(ex)) {
            return null; // no one to answer
        }
        if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            return ResponseEntity.status(response.getStatusCode())
                    .body(new InferenceError(response.getBody().getDetail()));
        }
        log.error("Unexpected error", ex);
        return ResponseEntity.internalServerError()
                .body(new InferenceError("an unexpected error occurred; it has been logged"));
    }

    @Override
    public boolean covers(String path) {
        return path.equals("/v2") || path.startsWith("/v2/");
    }

    @Override
    public InferenceError routingError(String method, String path, HttpStatusCode status, HttpHeaders headers) {
        if (status.value() == HttpStatus.METHOD_NOT_ALLOWED.value()
                && !headers.getAllow().isEmpty()) {
            String allowed = headers.getAllow().stream().map(HttpMethod::name).collect(Collectors.joining(" or "));
            return new InferenceError(method + " is not allowed on " + path + "; use " + allowed);
        }
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return new InferenceError("no such endpoint: " + method + " " + path);
        }
        // No other failure is raised before a /v2 handler runs today; should one be, its reason phrase.
        HttpStatus known = HttpStatus.resolve(status.value());
        return new InferenceError(
                known == null
                        ? "the request cannot be answered"
                        : known.getReasonPhrase().toLowerCase(Locale.ROOT));
    }

    /** Where in the body the problem is and what it is, without Java's names for types. */
    private static String describe(HttpMessageNotReadableException ex) {
        JacksonException jackson = null;
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof TensorData.NotANumber notANumber) {
                return (jackson == null ? "data" : JsonProblems.path(jackson.getPath())) + ": "
                        + notANumber.getMessage();
            }
            if (jackson == null && cause instanceof JacksonException found) {
                jackson = found;
            }
        }
        if (jackson instanceof StreamReadException syntax) {
            return "the body is not valid JSON"
                    + (syntax.getLocation() == null
                            ? ""
                            : " at line " + syntax.getLocation().getLineNr() + ", column "
                                    + syntax.getLocation().getColumnNr());
        }
        if (jackson != null && !jackson.getPath().isEmpty()) {
            return JsonProblems.path(jackson.getPath()) + ": has the wrong type for an inference request";
        }
        return "the body must be an inference request: a JSON object with 'inputs'";
    }
}
