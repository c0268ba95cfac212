package dev.backprop.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The training queue and the limits on what a request may ask for.
 *
 * @param maxConcurrentJobs jobs that train at once; the rest wait as QUEUED
 * @param queueCapacity     jobs that may wait; one more is refused with 429
 * @param maxParameters     largest network accepted, in weights and biases; refused before allocating
 * @param maxEpochs         most epochs one job may ask for
 * @param maxBatchSize      largest mini-batch one job may ask for
 * @param threadsPerJob     threads one job trains with: {@code auto} (each job times its first steps on
 *                          one thread and on two and keeps the faster), {@code 1} or {@code 2}; the results
 *                          are the same bit for bit whichever it is
 */
@Validated
@ConfigurationProperties("backprop.training")
public record TrainingProperties(
        @Positive @Max(64) @DefaultValue("1") int maxConcurrentJobs,
        @PositiveOrZero @DefaultValue("100") int queueCapacity,
        @Positive @DefaultValue("5000000") long maxParameters,
        @Positive @DefaultValue("1000") int maxEpochs,
        @Positive @DefaultValue("10000") int maxBatchSize,

        @Pattern(regexp = "auto|1|2", message = "must be auto, 1 or 2") @DefaultValue("auto")
        String threadsPerJob) {

    /** Whether each job chooses its threads by timing them. */
    public boolean choosesThreads() {
        return threadsPerJob.equals("auto");
    }

    /** The fixed number of threads a job trains with; 2 while it is choosing. */
    public int fixedThreads() {
        return choosesThreads() ? 2 : Integer.parseInt(threadsPerJob);
    }
}
