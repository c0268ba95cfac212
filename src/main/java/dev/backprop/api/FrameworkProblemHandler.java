package dev.backprop.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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

/**
 * Spring MVC's own failures (an unreadable or invalid body, a method or media type not supported, an
 * upload over the limits) as problems with Backprop's {@code type} URIs. Consulted before
 * {@link ProblemHandler}, whose catch-all would otherwise take them, and after any advice of its own
 * that a controller has.
 */
// After advice scoped to one controller (the Open Inference Protocol's own error shape), before ProblemHandler.
@Order(Ordered.LOWEST_PRECEDENCE - 1)
@RestControllerAdvice
class FrameworkProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameworkProblemHandler.class);

    private final ObjectProvider<MultipartProperties> multipart;

    FrameworkProblemHandler(ObjectProvider<MultipartProperties> multipart) {
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
        String spooling = spoolFailure(ex);
        if (spooling != null) {
            log.error("Upload parts cannot be spooled: {}", spooling);
            return ResponseEntity.status(HttpStatus.INSUFFICIENT_STORAGE)
                    .body(Problems.STORE_UNWRITABLE.detail("the store cannot be written: the upload's parts cannot be"
                            + " spooled (" + spooling + "); nothing was changed, try again once it can be"));
        }
        log.debug("Unreadable multipart body", ex);
        ProblemDetail problem = Problems.MALFORMED_BODY.detail(
                "the multipart/form-data body cannot be read: it needs a boundary in its Content-Type and"
                        + " complete parts");
        return ResponseEntity.badRequest().body(problem);
    }

    /** Why the container could not write the parts to its spool folder (full, read-only, gone); null if it could. */
    private static String spoolFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
                return fs.getReason();
            }
            if (cause instanceof java.io.IOException) {
                for (String reason : new String[] {"No space left on device", "Read-only file system", "Disk quota"}) {
                    if (message.contains(reason)) {
                        return reason;
                    }
                }
                if (message.contains("upload location")) {
                    return "its spool folder is missing or not a folder";
                }
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(JsonProblems.fieldError(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(
                        error -> errors.add(JsonProblems.fieldError(error.getObjectName(), error.getDefaultMessage())));
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
        ProblemDetail problem = JsonProblems.unreadable(ex);
        return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
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
            Problems.forStatus(statusCode.value()).ifPresent(kind -> problem.setType(kind.type()));
        }
        return response;
    }
}
