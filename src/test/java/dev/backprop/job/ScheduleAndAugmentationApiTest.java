package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.ApiTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A job with a learning-rate schedule and augmentation: its record echoes both, its epochs name their rates. */
class ScheduleAndAugmentationApiTest extends ApiTestSupport {

    @Test
    void theRecordEchoesBothAndEachEpochNamesItsRate() {
        Job job = submit("""
                {"layers": [784, 16, 10], "hiddenActivation": "relu", "outputActivation": "softmax",
                 "loss": "cross_entropy", "optimizer": "adam", "learningRate": 0.001, "epochs": 4,
                 "batchSize": 32, "validationSize": 200, "seed": 5,
                 "schedule": {"type": "onecycle", "maxRate": 0.01},
                 "augmentation": {"shift": 1, "rotation": 10, "elastic": {"alpha": 20, "sigma": 4}}}""");
        assertThat(job.request().schedule())
                .as("the warm-up's default filled in")
                .isEqualTo(new ScheduleRequest(ScheduleType.ONECYCLE, null, null, null, 0.01, 0.3));
        assertThat(job.request().augmentation().elastic().sigma()).isEqualTo(4.0);

        Job done = awaitFinished(job.id(), Duration.ofSeconds(60));

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        // One-cycle over 4 epochs, warm-up 0.3, at p = (e − 1)/4: a rise from 0.001 while p < 0.3, then
        // 0.01·(1 + cos(π(p − 0.3)/0.7))/2.
        double[] expected = {
            0.001,
            0.001 + 0.009 * 0.25 / 0.3,
            0.01 * (1 + Math.cos(Math.PI * 0.2 / 0.7)) / 2,
            0.01 * (1 + Math.cos(Math.PI * 0.45 / 0.7)) / 2
        };
        assertThat(done.epochs()).hasSize(4);
        for (int e = 0; e < 4; e++) {
            assertThat(done.epochs().get(e).learningRate()).isCloseTo(expected[e], within(1e-12));
        }
    }

    @Test
    void aJobWithoutAScheduleRunsAtItsConstantRate() {
        Job job = submit("""
                {"layers": [784, 16, 10], "epochs": 2, "learningRate": 2.5, "seed": 6}""");
        assertThat(job.request().schedule()).isEqualTo(ScheduleRequest.constant());
        assertThat(job.request().augmentation()).isNull();

        Job done = awaitFinished(job.id(), Duration.ofSeconds(60));

        assertThat(done.epochs()).extracting(EpochMetrics::learningRate).containsExactly(2.5, 2.5);
    }
}
