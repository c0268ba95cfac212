package dev.backprop;

import dev.backprop.job.Job;
import dev.backprop.model.BatchPredictionResponse;
import dev.backprop.model.PredictionResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The job and prediction endpoints as tests use them, over real HTTP against whichever service the client points at. */
public final class BackpropClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    /**
     * Polls the JSON record at {@code path} (a sweep, a learning curve) until {@code done} holds, for at most
     * {@code timeout}; every answer must be a 200.
     */
    public JsonNode awaitRecord(String path, Predicate<JsonNode> done, Duration timeout) {
        return Awaitility.await(path + " to be done")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> JSON.readTree(client.get()
                                .uri(path)
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(byte[].class)
                                .returnResult()
                                .getResponseBody()),
                        done);
    }

    /** Polls the job until {@code done} holds, for at most {@code timeout}; {@code what} names the wait. */
    public Job await(String id, Duration timeout, Predicate<Job> done, String what) {
        return Awaitility.await("job " + id + " to " + what)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> get(id), done::test);
    }
}
