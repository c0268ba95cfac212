package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.job.Job;
import dev.backprop.model.BatchPredictionResponse;
import dev.backprop.model.PredictionResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The job and prediction endpoints as tests use them, over real HTTP against whichever service the client points at. */
public final class BackpropClient {

    private final RestTestClient client;

    public BackpropClient(RestTestClient client) {
        this.client = client;
    }

    /** Submits a training request and expects it accepted. */
    public Job submit(String json) {
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

    public Job get(String id) {
        return client.get()
                .uri("/api/v1/jobs/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Job.class)
                .returnResult()
                .getResponseBody();
    }

    /** Every job, newest first. */
    public Job[] list() {
        return client.get()
                .uri("/api/v1/jobs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Job[].class)
                .returnResult()
                .getResponseBody();
    }

    /** Asks for a job to be cancelled and expects it accepted. */
    public Job cancel(String id) {
        return client.post()
                .uri("/api/v1/jobs/{id}/cancel", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Job.class)
                .returnResult()
                .getResponseBody();
    }

    /** The prediction for one image of 784 pixels, 0–255. */
    public PredictionResponse predict(String modelId, int[] pixels) {
        return client.post()
                .uri("/api/v1/models/{id}/predict", modelId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(java.util.Map.of("pixels", pixels))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(PredictionResponse.class)
                .returnResult()
                .getResponseBody();
    }

    /** The predictions for many images of 784 pixels each, in their order. */
    public BatchPredictionResponse predictBatch(String modelId, java.util.List<int[]> images) {
        return client.post()
                .uri("/api/v1/models/{id}/predict/batch", modelId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(java.util.Map.of("images", images))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(BatchPredictionResponse.class)
                .returnResult()
                .getResponseBody();
    }

    /** Polls the job until it has finished, for at most {@code timeout}. */
    public Job awaitFinished(String id, Duration timeout) {
        return await(id, timeout, job -> job.status().finished(), "finish");
    }

    /** Polls the job until it has finished {@code epochs} epochs (or finished altogether). */
    public Job awaitEpochs(String id, int epochs, Duration timeout) {
        return await(
                id,
                timeout,
                job -> job.epochs().size() >= epochs || job.status().finished(),
                "reach epoch " + epochs);
    }

    private Job await(String id, Duration timeout, Predicate<Job> done, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Job job = get(id);
            if (done.test(job)) {
                return job;
            }
            assertThat(Instant.now())
                    .as("job %s (%s) to %s", id, job.status(), what)
                    .isBefore(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
