package dev.backprop.problem;

import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The kinds of problem Backprop reports, each with a stable {@code type} URI that clients can switch
 * on. The URIs are relative, resolved against the service (RFC 9457, section 3.1.1).
 */
public enum Problems {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    MALFORMED_BODY(HttpStatus.BAD_REQUEST, "Malformed request body"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    CONFLICT(HttpStatus.CONFLICT, "Conflict with the current state"),
    QUEUE_FULL(HttpStatus.TOO_MANY_REQUESTS, "Training queue is full"),
    BUSY(HttpStatus.TOO_MANY_REQUESTS, "Too much at once"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Missing or wrong API key"),
    FORBIDDEN_ORIGIN(HttpStatus.FORBIDDEN, "Request from a foreign origin"),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "Request body too slow"),
    STORE_UNWRITABLE(HttpStatus.INSUFFICIENT_STORAGE, "Store cannot be written"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final HttpStatus status;
    private final String title;

    Problems(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return URI.create(
                "/problems/" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    public String title() {
        return title;
    }

    /** The first kind with this status, if any. */
    public static java.util.Optional<Problems> forStatus(int status) {
        return java.util.Arrays.stream(values())
                .filter(kind -> kind.status.value() == status)
                .findFirst();
    }

    /** A problem of this kind with the given detail, cut to {@link #MAX_DETAIL} characters. */
    public ProblemDetail detail(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, capped(detail, MAX_DETAIL));
        problem.setType(type());
        problem.setTitle(title);
        return problem;
    }

    /** The most field errors one problem lists: a body with thousands of bad values gets the first ones. */
    public static final int MAX_ERRORS = 50;

    /** The longest message one field error carries. */
    private static final int MAX_MESSAGE = 500;

    /**
     * A problem of this kind naming each bad field in its {@code errors} list of {@code {field, message}}, the
     * detail saying the same in one line; the only place that list is made.
     */
    public ProblemDetail withErrors(List<FieldProblem> problems) {
        List<FieldProblem> listed = problems.stream().limit(MAX_ERRORS).toList();
        String each = String.join(
                "; ", listed.stream().map(p -> p.field() + ": " + p.message()).toList());
        ProblemDetail problem = detail(
                problems.size() <= MAX_ERRORS
                        ? each
                        : "the first " + MAX_ERRORS + " of " + problems.size() + " problems: " + each);
        List<Map<String, Object>> errors = listed.stream()
                .map(p -> {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("field", p.field());
                    error.put("message", capped(p.message(), MAX_MESSAGE));
                    return error;
                })
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The longest detail a problem carries: whatever it echoes, a problem stays a few kilobytes. */
    public static final int MAX_DETAIL = 2_000;

    /** {@code text} cut to {@code max} characters, saying how long it was; null stays null. */
    public static String capped(String text, int max) {
        return text == null || text.length() <= max
                ? text
                : text.substring(0, max) + "… (" + text.length() + " characters)";
    }
}
