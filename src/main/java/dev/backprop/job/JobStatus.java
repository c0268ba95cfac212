package dev.backprop.job;

/** Where a job is in its life: QUEUED → RUNNING → SUCCEEDED, FAILED or CANCELLED. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
