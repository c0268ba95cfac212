package dev.backprop.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * An API under its own path whose errors are not problem details (the Open Inference Protocol's
 * {@code {"error": "…"}} under {@code /v2}). {@link ProblemHandler} asks it for the body of the failures
 * Spring MVC raises before any of its controllers runs: no such endpoint, method not allowed.
 */
public interface ProtocolErrors {

    /** Whether a request to this path (as the client sent it) is answered in this protocol's shape. */
    boolean covers(String path);

    /** The body answering {@code method path} with {@code status}; {@code headers} hold any {@code Allow}. */
    Object routingError(String method, String path, HttpStatusCode status, HttpHeaders headers);
}
