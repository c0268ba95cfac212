package dev.backprop.coordination;

import java.time.Instant;

/** Work one replica at a time coordinates (a sweep, a learning curve), kept as JSON in a leased table. */
public interface CoordinatedRecord {

    String id();

    /** QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED. */
    String status();

    Instant createdAt();

    default boolean finished() {
        return status().equals("SUCCEEDED") || status().equals("FAILED") || status().equals("CANCELLED");
    }
}
