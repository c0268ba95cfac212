package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropClient;
import dev.backprop.RunningService;
import dev.backprop.dataset.IdxFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

class QueueLimitTest {

    private static final String LONG_JOB = "{\"layers\": [784, 100, 10], \"epochs\": 500}";

    @TempDir
    Path datasets;

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 2000, 500);
        try (RunningService service = RunningService.start(Map.of(
                "backprop.storage.type",
                "memory",
                "backprop.datasets.dir",
                datasets.toString(),
                "backprop.training.max-concurrent-jobs",
                "1",
                "backprop.training.queue-capacity",
                "3"))) {
            // One trains, three wait: the queue is full.
            BackpropClient backprop = new BackpropClient(service.client());
            for (int k = 0; k < 4; k++) {
                backprop.submit(LONG_JOB);
            }
            service.client()
                    .post()
                    .uri("/api/v1/jobs")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(LONG_JOB)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(429)
                    .expectHeader()
                    .valueEquals("Retry-After", "30")
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/queue-full");
            assertThat(service.client()
                            .get()
                            .uri("/api/v1/jobs")
                            .exchange()
                            .expectBody(Job[].class)
                            .returnResult()
                            .getResponseBody())
                    .as("the refused job is not recorded")
                    .hasSize(4);

            // Cancelling a queued job frees its place.
            Job[] jobs = service.client()
                    .get()
                    .uri("/api/v1/jobs")
                    .exchange()
                    .expectBody(Job[].class)
                    .returnResult()
                    .getResponseBody();
            Job queued = java.util.Arrays.stream(jobs)
                    .filter(job -> job.status() == JobStatus.QUEUED)
                    .findFirst()
                    .orElseThrow();
            service.client()
                    .post()
                    .uri("/api/v1/jobs/{id}/cancel", queued.id())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Job.class)
                    .value(job -> assertThat(job.status()).isEqualTo(JobStatus.CANCELLED));
            backprop.submit(LONG_JOB);
        }
    }

    @Test
    void aMissingDatasetIsRefusedWithWhatToPutWhere() {
        try (RunningService service = RunningService.start(Map.of(
                "backprop.storage.type",
                "memory",
                "backprop.datasets.dir",
                datasets.toString(),
                "backprop.datasets.download",
                "false"))) {
            service.client()
                    .post()
                    .uri("/api/v1/jobs")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"layers\": [784, 30, 10]}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("dataset")
                    .jsonPath("$.errors[0].message")
                    .value(message -> assertThat((String) message)
                            .contains(
                                    "train-images-idx3-ubyte",
                                    "t10k-labels-idx1-ubyte",
                                    datasets.resolve("mnist").toAbsolutePath().toString()));
            service.client()
                    .get()
                    .uri("/api/v1/datasets")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$[0].available")
                    .isEqualTo(false);
            service.client()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }
}
