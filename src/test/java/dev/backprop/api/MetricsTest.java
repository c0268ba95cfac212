package dev.backprop.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class MetricsTest extends ApiTestSupport {

    @Test
    void prometheusShowsTrainingAndPredictionMetrics() {
        Job job = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        for (int k = 0; k < 3; k++) {
            client.post()
                    .uri("/api/v1/models/{id}/predict", job.modelId())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("pixels", new int[784]))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        String metrics = client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("backprop_jobs{status=\"SUCCEEDED\"}")
                .containsPattern("backprop_training_epochs_total [1-9]")
                .contains("backprop_training_epoch_duration_seconds_count")
                .contains("backprop_training_throughput_examples_per_second_count")
                .containsPattern("backprop_predictions_seconds_count\\{endpoint=\"/predict\",model=\"" + job.modelId()
                        + "\"[^}]*\\} 3");
    }

    @Test
    void actuatorExposesOnlyHealthInfoMetricsAndPrometheus() {
        client.get()
                .uri("/actuator")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$._links.health")
                .exists()
                .jsonPath("$._links.info")
                .exists()
                .jsonPath("$._links.metrics")
                .exists()
                .jsonPath("$._links.prometheus")
                .exists()
                .jsonPath("$._links.env")
                .doesNotExist()
                .jsonPath("$._links.beans")
                .doesNotExist();
        client.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
    }
}
