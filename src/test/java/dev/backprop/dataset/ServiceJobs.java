package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.job.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Jobs and datasets over HTTP, for tests that start their own service. */
final class ServiceJobs {

    private ServiceJobs() {}

    static Job submit(RestTestClient client, String json) {
        return client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Job.class)
                .returnResult()
                .getResponseBody();
    }

    static Job get(RestTestClient client, String id) {
        return client.get()
                .uri("/api/v1/jobs/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Job.class)
                .returnResult()
                .getResponseBody();
    }

    static Job awaitFinished(RestTestClient client, String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Job job = get(client, id);
            if (job.status().finished()) {
                return job;
            }
            assertThat(Instant.now()).as("job %s still %s", id, job.status()).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static List<DatasetInfo> datasets(RestTestClient client) {
        return client.get()
                .uri("/api/v1/datasets")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<DatasetInfo>>() {})
                .returnResult()
                .getResponseBody();
    }
}
