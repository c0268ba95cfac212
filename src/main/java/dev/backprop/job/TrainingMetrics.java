package dev.backprop.job;

import dev.backprop.engine.EpochResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Training as Micrometer sees it: {@code backprop.jobs} by status, {@code backprop.training.epochs},
 * {@code backprop.training.epoch.duration} (training time alone, as {@code durationMs}) and
 * {@code backprop.training.throughput} in examples per second.
 */
final class TrainingMetrics {

    private final Counter epochs;
    private final Timer epochDuration;
    private final DistributionSummary throughput;

    TrainingMetrics(MeterRegistry registry, ToLongFunction<JobStatus> jobsByStatus) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("backprop.jobs", () -> jobsByStatus.applyAsLong(status))
                    .description("Training jobs by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        epochs = Counter.builder("backprop.training.epochs")
                .description("Epochs trained")
                .register(registry);
        epochDuration = Timer.builder("backprop.training.epoch.duration")
                .description("Training time of one epoch, without evaluation")
                .register(registry);
        throughput = DistributionSummary.builder("backprop.training.throughput")
                .baseUnit("examples per second")
                .description("Training examples per second, per epoch")
                .register(registry);
    }

    void epochFinished(EpochResult result) {
        epochs.increment();
        epochDuration.record(result.durationNanos(), TimeUnit.NANOSECONDS);
        throughput.record(result.examplesPerSecond());
    }
}
