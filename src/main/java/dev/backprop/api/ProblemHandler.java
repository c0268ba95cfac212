package dev.backprop.api;

import dev.backprop.failure.CapacityExceededException;
import dev.backprop.failure.ConflictException;
import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import dev.backprop.failure.NotFoundException;
import dev.backprop.problem.Problems;
import dev.backprop.resilience.StoreOutage;
import dev.backprop.storage.StoreWriteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place a failure becomes an answer: the domain's failures ({@code dev.backprop.failure}) and Spring
 * MVC's own (an unreadable or invalid body, a method or media type not supported, an upload over the limits)
 * as RFC 9457 problems with a stable {@code type}. Bad input names each field that is wrong in an
 * {@code errors} list; nothing about the server's internals (stack traces, class names) reaches the client.
 * Errors raised outside Spring MVC are {@link ErrorPageProblems}'; advice scoped to one controller (the Open
 * Inference Protocol's own error shape) comes first, and that protocol's {@link ProtocolErrors} shapes the
 * routing failures under its path.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ObjectProvider<MultipartProperties> multipart;
    private final ObjectProvider<ProtocolErrors> protocols;

    ProblemHandler(ObjectProvider<MultipartProperties> multipart, ObjectProvider<ProtocolErrors> protocols) {
        this.multipart = multipart;
        this.protocols = protocols;
    }

    @ExceptionHandler(InvalidFieldsException.class)
    ResponseEntity<ProblemDetail> invalidFields(InvalidFieldsException ex) {
        Problems kind = switch (ex.kind()) {
            case WRONG -> Problems.INVALID_REQUEST;
            case TOO_LARGE -> Problems.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> Problems.UNSUPPORTED_MEDIA_TYPE;
        };
        ProblemDetail problem = ex.problems().isEmpty() ? kind.detail(ex.getMessage()) : kind.withErrors(ex.problems());
        return ResponseEntity.status(kind.status()).body(problem);
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
        Problems kind = switch (ex.full()) {
            case TRAINING_QUEUE -> Problems.QUEUE_FULL;
            case WORK_IN_PROGRESS -> Problems.BUSY;
        };
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
                .body(kind.detail(ex.getMessage()));
    }

    /** The store cannot be written (a full or read-only disk): the client learns so, and may retry later. */
    @ExceptionHandler(StoreWriteException.class)
    ResponseEntity<ProblemDetail> unwritable(StoreWriteException ex) {
        log.error("The store cannot be written: {}", ex.getMessage());
        return ResponseEntity.status(HttpStatus.INSUFFICIENT_STORAGE)
                .body(Problems.STORE_UNWRITABLE.detail("the store cannot be written: " + ex.getMessage()
                        + "; nothing was changed, try again once it can be"));
    }

    /** A multipart body that cannot be parsed at all (no boundary, parts cut short), or not spooled to disk. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException ex) {
        String spooling = UploadProblems.spoolFailure(ex);
        if (spooling != null) {
            log.error("Upload parts cannot be spooled: {}", spooling);
            return ResponseEntity.status(HttpStatus.INSUFFICIENT_STORAGE).body(UploadProblems.unspoolable(spooling));
        }
        log.debug("Unreadable multipart body", ex);
        return ResponseEntity.badRequest().body(UploadProblems.unreadable());
    }

    /** Anything else is the server's fault: logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (HungUpClients.gone(ex)) {
            return null; // no one to answer
        }
        StoreWriteException unwritable = StoreWriteException.causing(ex);
        if (unwritable != null) {
            return unwritable(unwritable);
        }
        if (StoreOutage.isTransient(ex)) {
            // A store away for a moment: when to try again, and which store, but nothing of its internals.
            // The innermost cause too: "Failed to obtain JDBC Connection" alone does not say why. Both as
            // text: a Throwable last would be taken for the exception and logged with its stack, every 503.
            log.warn(
                    "A store is unreachable: {} (cause: {})",
                    ex.toString(),
                    NestedExceptionUtils.getMostSpecificCause(ex).toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(StoreOutage.RETRY_AFTER.toSeconds()))
                    .body(Problems.UNAVAILABLE.detail(
                            StoreOutage.which(ex) + "; nothing was changed, try again shortly"));
        }
        log.error("Unexpected error", ex);
        ProblemDetail problem = Problems.INTERNAL.detail("an unexpected error occurred; it has been logged");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = UploadProblems.overTheLimits(multipart.getIfAvailable(MultipartProperties::new));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getField(), error.getDefaultMessage())));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        ProblemDetail problem = Problems.INVALID_REQUEST.withErrors(problems);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A form without a part it requires: a 400 naming the part in {@code errors}, as every other bad field. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(
            MissingServletRequestPartException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.INVALID_REQUEST.withErrors(List.of(new FieldProblem(
                ex.getRequestPartName(), "is missing: the form needs a part named '" + ex.getRequestPartName() + "'")));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = JsonProblems.unreadable(ex);
        return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    /**
     * Gives Spring's own problems (404, 405, 415, …) Backprop's type URIs; under a path of another protocol
     * (the Open Inference Protocol's) they answer in that protocol's shape.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            String path = servlet.getRequest().getRequestURI();
            Optional<ProtocolErrors> protocol =
                    protocols.orderedStream().filter(p -> p.covers(path)).findFirst();
            if (protocol.isPresent()) {
                String method = servlet.getRequest().getMethod();
                return new ResponseEntity<>(
                        protocol.get().routingError(method, path, statusCode, headers), headers, statusCode);
            }
        }
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
