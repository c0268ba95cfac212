package dev.backprop.api;

import dev.backprop.resilience.StoreOutage;
import dev.backprop.storage.StoreWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the domain's failures into RFC 9457 problems with a stable {@code type}. Bad input names each
 * field that is wrong in an {@code errors} list of {@code {field, message}}; nothing about the server's
 * internals (stack traces, class names) ever reaches the client. Spring's own failures are
 * {@link FrameworkProblemHandler}'s, and errors raised outside Spring MVC {@link ErrorPageProblems}'.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
@RestControllerAdvice
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** A value echoed back cut to a short prefix: a 10 MB string answers a few dozen characters, not 10 MB. */
    static String shortened(String value) {
        return JsonProblems.shortened(value);
    }

    /** The most field errors one problem lists: a body with thousands of bad values gets the first ones. */
    static final int MAX_ERRORS = 50;

    @ExceptionHandler(InvalidFieldsException.class)
    ResponseEntity<ProblemDetail> invalidFields(InvalidFieldsException ex) {
        int count = ex.problems().size();
        ProblemDetail problem = Problems.INVALID_REQUEST.detail(
                count <= MAX_ERRORS
                        ? ex.getMessage()
                        : "the first " + MAX_ERRORS + " of " + count + " problems: " + ex.getMessage());
        problem.setProperty(
                "errors",
                ex.problems().stream()
                        .limit(MAX_ERRORS)
                        .map(p -> JsonProblems.fieldError(p.field(), p.message()))
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
                .body(ex.kind().detail(ex.getMessage()));
    }

    /** The store cannot be written (a full or read-only disk): the client learns so, and may retry later. */
    @ExceptionHandler(StoreWriteException.class)
    ResponseEntity<ProblemDetail> unwritable(StoreWriteException ex) {
        log.error("The store cannot be written: {}", ex.getMessage());
        return ResponseEntity.status(HttpStatus.INSUFFICIENT_STORAGE)
                .body(Problems.STORE_UNWRITABLE.detail("the store cannot be written: " + ex.getMessage()
                        + "; nothing was changed, try again once it can be"));
    }

    /** A store that is away for a moment: 503 with when to try again, and which store, but nothing of its internals. */
    static ResponseEntity<ProblemDetail> unavailable(Exception ex) {
        log.warn("A store is unreachable: {}", ex.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(StoreOutage.RETRY_AFTER.toSeconds()))
                .body(Problems.UNAVAILABLE.detail(StoreOutage.which(ex) + "; nothing was changed, try again shortly"));
    }

    /** Anything else is the server's fault: logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        StoreWriteException unwritable = StoreWriteException.causing(ex);
        if (unwritable != null) {
            return unwritable(unwritable);
        }
        if (StoreOutage.isTransient(ex)) {
            return unavailable(ex);
        }
        log.error("Unexpected error", ex);
        ProblemDetail problem = Problems.INTERNAL.detail("an unexpected error occurred; it has been logged");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }
}
