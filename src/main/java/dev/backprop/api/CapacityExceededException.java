package dev.backprop.api;

import java.time.Duration;

/** The service is full for now (a 429); {@code retryAfter} says when trying again makes sense. */
public class CapacityExceededException extends RuntimeException {

    private final Duration retryAfter;

    public CapacityExceededException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
