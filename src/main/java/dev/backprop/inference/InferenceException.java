package dev.backprop.inference;

import org.springframework.http.HttpStatus;

/** A request the Open Inference Protocol endpoints refuse, answered as {@code {"error": message}}. */
class InferenceException extends RuntimeException {

    private final HttpStatus status;

    InferenceException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    static InferenceException badRequest(String message) {
        return new InferenceException(HttpStatus.BAD_REQUEST, message);
    }

    static InferenceException unknownModel(String id) {
        return new InferenceException(HttpStatus.NOT_FOUND, "no model '" + id + "' (by id, name or name@alias)");
    }

    HttpStatus status() {
        return status;
    }
}
