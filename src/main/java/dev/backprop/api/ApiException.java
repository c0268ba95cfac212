package dev.backprop.api;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/** A failure that is the client's to fix, answered as the problem it carries. */
public class ApiException extends ErrorResponseException {

    private final HttpHeaders headers = new HttpHeaders();

    public ApiException(Problems kind, String detail) {
        super(kind.status(), kind.detail(detail), null);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(Problems.NOT_FOUND, "no " + what + " with id '" + id + "'");
    }

    /** A 400 naming one bad field, with the {@code errors} list every invalid-request problem carries. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(Problems.INVALID_REQUEST, field + ": " + message)
                .withProperty("errors", java.util.List.of(java.util.Map.of("field", field, "message", message)));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Problems.CONFLICT, detail);
    }

    public ApiException withHeader(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public ApiException withProperty(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
