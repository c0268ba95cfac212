package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sweeps over real HTTP on the synthetic digits: one runs to its winner, one is cancelled, bad ones refused. */
class SweepApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SMALL_SWEEP = """
            {"name": "small sweep",
             "base": {"layers": [784, 30, 10], "epochs": 3, "validationSize": 400, "seed": 5},
             "parameters": {"learningRate": {"logUniform": [0.01, 5]}, "batchSize": {"choice": [10, 20]}},
             "strategy": "random", "trials": 4, "parallel": 2,
             "earlyStopping": {"type": "asha", "minEpochs": 1, "reductionFactor": 2}, "seed": 3}""";

    @Test
    void aSweepNamedWithTheLongestNameRunsItsTrials() {
        String name = "n".repeat(200);
        String id = submitSweep("""
                {"name": "%s", "base": {"layers": [784, 10, 10], "epochs": 1, "validationSize": 200, "seed": 5},
                 "parameters": {"learningRate": {"choice": [0.5, 1]}}, "strategy": "grid", "trials": 2, "parallel": 2}""".formatted(name));
        JsonNode sweep = await(id, s -> !s.get("status").asString().matches("QUEUED|RUNNING"), Duration.ofSeconds(60));

        assertThat(sweep.get("status").asString()).as(sweep.toString()).isEqualTo("SUCCEEDED");
        assertThat(sweep.get("name").asString()).isEqualTo(name);
        for (JsonNode trial : sweep.get("trials")) {
            String jobName = get(trial.get("jobId").asString()).request().name();
            assertThat(jobName).hasSizeLessThanOrEqualTo(200).startsWith("nnn").contains("… · trial ");
        }
    }

    @Test
    void aSweepRunsItsTrialsAsJobsStopsLosersAndKeepsTheWinner() {
        String id = submitSweep(SMALL_SWEEP);
        JsonNode sweep = await(id, s -> s.get("status").asString().equals("SUCCEEDED"), Duration.ofSeconds(120));

        JsonNode trials = sweep.get("trials");
        assertThat(trials).hasSize(4);
        Set<String> jobIds = new HashSet<>();
        int saved = 0;
        for (JsonNode trial : trials) {
            jobIds.add(trial.get("jobId").asString());
            double rate = trial.get("parameters").get("learningRate").asDouble();
            assertThat(rate).isBetween(0.01, 5.0);
            assertThat(trial.get("parameters").get("batchSize").asInt()).isIn(10, 20);
            Job job = get(trial.get("jobId").asString());
            assertThat(job.request().learningRate()).isEqualTo(rate);
            assertThat(job.request().validationSize()).isEqualTo(400);
            if (trial.get("status").asString().equals("STOPPED")) {
                // Rungs at 1 and 2 epochs (η = 2, below 3).
                int at = trial.get("stoppedAtEpoch").asInt();
                assertThat(at).isIn(1, 2);
                assertThat(trial.get("stopReason").asString()).startsWith("rung " + at + " epochs");
                assertThat(trial.get("objectiveByEpoch")).hasSize(at);
                saved += 3 - at;
                // Cancelled, unless its last epoch ended before the cancel reached it.
                assertThat(job.status()).isIn(JobStatus.CANCELLED, JobStatus.SUCCEEDED);
            } else {
                assertThat(trial.get("status").asString()).isEqualTo("COMPLETED");
                assertThat(trial.get("objectiveByEpoch")).hasSize(3);
            }
        }
        assertThat(jobIds).hasSize(4);
        assertThat(sweep.get("epochsTrained").asInt() + sweep.get("epochsSaved").asInt())
                .isEqualTo(12);
        assertThat(sweep.get("epochsSaved").asInt()).isEqualTo(saved);

        JsonNode best = sweep.get("best");
        double bestObjective = best.get("objective").asDouble();
        for (JsonNode trial : trials) {
            if (trial.get("status").asString().equals("COMPLETED")) {
                assertThat(trial.get("objective").asDouble()).isLessThanOrEqualTo(bestObjective);
            }
        }
        Job winner = get(best.get("jobId").asString());
        assertThat(best.get("modelId").asString()).isEqualTo(winner.modelId());
        assertThat(best.get("testAccuracy").asDouble())
                .isEqualTo(winner.epochs().get(2).testAccuracy());
        client.get()
                .uri("/api/v1/sweeps")
                .exchange()
                .expectBody()
                .jsonPath("$[?(@.id == '" + id + "')]")
                .exists();
    }

    @Test
    void cancellingASweepStopsItsTrials() throws Exception {
        String id = submitSweep("""
                {"base": {"layers": [784, 100, 10], "epochs": 200, "validationSize": 400},
                 "parameters": {"learningRate": {"choice": [1, 2]}}, "trials": 2}""");
        JsonNode running = await(
                id,
                s -> s.get("trials").size() == 1
                        && get(s.get("trials").get(0).get("jobId").asString()).status() == JobStatus.RUNNING,
                Duration.ofSeconds(30));
        String trialJob = running.get("trials").get(0).get("jobId").asString();
        String streamed = firstEvent(id);
        assertThat(streamed).startsWith("event:sweep");

        client.post()
                .uri("/api/v1/sweeps/{id}/cancel", id)
                .exchange()
                .expectStatus()
                .isOk();

        JsonNode cancelled = await(id, s -> s.get("status").asString().equals("CANCELLED"), Duration.ofSeconds(20));
        assertThat(cancelled.get("trials").get(0).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(awaitFinished(trialJob, Duration.ofSeconds(20)).status()).isEqualTo(JobStatus.CANCELLED);
        client.post()
                .uri("/api/v1/sweeps/{id}/cancel", id)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    private String submitSweep(String body) {
        return JSON.readTree(client.post()
                        .uri("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .exchange()
                        .expectStatus()
                        .isAccepted()
                        .expectHeader()
                        .exists("Location")
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody())
                .get("id")
                .asString();
    }

    private JsonNode await(String id, Predicate<JsonNode> done, Duration timeout) {
        return jobs().awaitRecord("/api/v1/sweeps/" + id, done, timeout);
    }

    /** The first line of the sweep's event stream. */
    private String firstEvent(String id) throws Exception {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/sweeps/" + id + "/events"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body()))) {
            return lines.readLine();
        }
    }
}
