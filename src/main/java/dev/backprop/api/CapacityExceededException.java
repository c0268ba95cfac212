package dev.backprop.api;

import java.time.Duration;

/** The service is full for now (a 429); {@code retryAfter} says when trying again makes sense. */
public class CapacityExceededException extends RuntimeException {

    private final Duration retryAfter;
    private final Problems kind;

    /** The training queue is full. */
    public CapacityExceededException(String detail, Duration retryAfter) {
        this(detail, retryAfter, Problems.QUEUE_FULL);
    }

    /** Full in another way, {@code kind} a 429 problem that says which. */
    public CapacityExceededException(String detail, Duration retryAfter, Problems kind) {
        super(detail);
        this.retryAfter = retryAfter;
        this.kind = kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Problems kind() {
        return kind;
    }
}
