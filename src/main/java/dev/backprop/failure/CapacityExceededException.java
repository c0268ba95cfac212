package dev.backprop.failure;

import java.time.Duration;

/** The service is full for now; {@code retryAfter} says when trying again makes sense. */
public class CapacityExceededException extends RuntimeException {

    /** What is full. */
    public enum Full {
        /** The queue of training jobs. */
        TRAINING_QUEUE,
        /** Memory or slots for work in progress (uploads, bodies arriving): too much at once. */
        WORK_IN_PROGRESS
    }

    private final Duration retryAfter;
    private final Full full;

    /** The training queue is full. */
    public CapacityExceededException(String detail, Duration retryAfter) {
        this(detail, retryAfter, Full.TRAINING_QUEUE);
    }

    public CapacityExceededException(String detail, Duration retryAfter, Full full) {
        super(detail);
        this.retryAfter = retryAfter;
        this.full = full;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Full full() {
        return full;
    }
}
