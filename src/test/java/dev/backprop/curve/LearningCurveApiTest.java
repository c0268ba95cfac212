package dev.backprop.curve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.EventStream;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Learning curves over real HTTP on the synthetic digits: one runs its points as ordinary jobs, each
 * measured once at its end, with network2's λ scaling; one is cancelled; bad ones are refused.
 */
class LearningCurveApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aCurveTrainsEachSizeAndSeedAsAJobMeasuredAtItsEnd() throws Exception {
        String id = submitCurve("""
                {"name": "small curve",
                 "base": {"layers": [784, 30, 10], "loss": "cross_entropy", "learningRate": 0.5, "epochs": 2,
                          "l2": 1.6, "validationSize": 400, "seed": 5},
                 "sizes": [400, 100, 1600], "epochsPerSize": "sameExamples", "scaleL2": true, "seeds": 2}""");
        JsonNode curve = await(id, c -> c.get("status").asString().equals("SUCCEEDED"), Duration.ofSeconds(120));

        JsonNode points = curve.get("points");
        assertThat(points).hasSize(6);
        Map<Integer, Integer> epochsBySize = Map.of(100, 32, 400, 8, 1600, 2);
        for (JsonNode point : points) {
            int size = point.get("size").asInt();
            Job job = get(point.get("jobId").asString());
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(point.get("epochs").asInt()).isEqualTo(epochsBySize.get(size));
            assertThat(job.request().epochs()).isEqualTo(epochsBySize.get(size));
            assertThat(job.request().trainLimit()).isEqualTo(size + 400);
            assertThat(job.request().l2()).isCloseTo(1.6 * size / 1600, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(job.request().seed())
                    .isEqualTo(point.get("seed").asLong())
                    .isIn(5L, 6L);
            // Measured once, after the last epoch.
            assertThat(job.epochs()).hasSize(1);
            assertThat(job.epochs().get(0).epoch()).isEqualTo(epochsBySize.get(size));
            assertThat(point.get("validationAccuracy").asDouble())
                    .isEqualTo(job.epochs().get(0).validationAccuracy());
            assertThat(point.get("testAccuracy").asDouble())
                    .isEqualTo(job.epochs().get(0).testAccuracy());
            assertThat(point.get("trainAccuracy").asDouble())
                    .isEqualTo(job.epochs().get(0).trainAccuracy());
        }
        assertThat(points.get(0).get("size").asInt()).isEqualTo(100);
        assertThat(curve.get("request").get("sizes").toString()).isEqualTo("[100,400,1600]");
        assertThat(curve.get("diagnosis").asString()).contains("at 1,600 examples");

        EventStream stream = EventStream.read(port, "/api/v1/learning-curves/" + id + "/events");
        assertThat(stream.events()).containsExactly("curve");
        assertThat(JSON.readTree(stream.lastData()).get("status").asString()).isEqualTo("SUCCEEDED");
        client.get()
                .uri("/api/v1/learning-curves")
                .exchange()
                .expectBody()
                .jsonPath("$[?(@.id == '" + id + "')]")
                .exists();
        client.post()
                .uri("/api/v1/learning-curves/{id}/cancel", id)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void cancellingACurveStopsItsPoints() {
        String id = submitCurve("""
                {"base": {"layers": [784, 100, 10], "epochs": 300, "validationSize": 400},
                 "sizes": [1000, 1500]}""");
        JsonNode running = await(
                id,
                c -> c.get("points").get(0).get("jobId").isString()
                        && get(c.get("points").get(0).get("jobId").asString()).status() == JobStatus.RUNNING,
                Duration.ofSeconds(30));
        String firstJob = running.get("points").get(0).get("jobId").asString();

        client.post()
                .uri("/api/v1/learning-curves/{id}/cancel", id)
                .exchange()
                .expectStatus()
                .isOk();

        JsonNode cancelled = await(id, c -> c.get("status").asString().equals("CANCELLED"), Duration.ofSeconds(20));
        assertThat(cancelled
                        .get("points")
                        .valueStream()
                        .map(p -> p.get("status").asString()))
                .containsOnly("CANCELLED");
        assertThat(awaitFinished(firstJob, Duration.ofSeconds(20)).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void theOpenApiDocumentDescribesLearningCurves() {
        client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/learning-curves'].post.responses['202']")
                .exists()
                .jsonPath("$.paths['/api/v1/learning-curves'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/learning-curves/{id}'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/learning-curves/{id}/cancel'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/learning-curves/{id}/events'].get")
                .exists()
                .jsonPath("$.components.schemas.LearningCurveRequest.properties.epochsPerSize.description")
                .value(description -> assertThat((String) description).contains("sameExamples"))
                .jsonPath("$.components.schemas.LearningCurveRequest.properties.scaleL2")
                .exists()
                .jsonPath("$.components.schemas.LearningCurvePoint.properties.validationAccuracy")
                .exists()
                .jsonPath("$.components.schemas.TrainingRequest.properties.measureEvery")
                .exists();
    }

    private String submitCurve(String body) {
        return JSON.readTree(client.post()
                        .uri("/api/v1/learning-curves")
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
        return jobs().awaitRecord("/api/v1/learning-curves/" + id, done, timeout);
    }
}
