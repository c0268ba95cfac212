package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Per-layer diagnostics through the REST API: on by default, off on request, every N steps, bad values refused. */
class DiagnosticsApiTest extends ApiTestSupport {

    @Test
    void everyEpochCarriesItsLayersByDefault() {
        Job job = submit("""
                {"layers": [784, 20, 10], "epochs": 2, "batchSize": 50, "seed": 3}""");
        assertThat(job.request().diagnostics()).isEqualTo(new DiagnosticsRequest(true, 1000, null));

        Job done = awaitFinished(job.id(), Duration.ofSeconds(60));

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        for (EpochMetrics epoch : done.epochs()) {
            assertThat(epoch.layers()).extracting(LayerMetrics::layer).containsExactly(1, 2);
            LayerMetrics first = epoch.layers().get(0);
            assertThat(first.biasGradientNorm()).isPositive();
            assertThat(first.updateRatio()).isPositive();
            assertThat(first.saturated()).isBetween(0.0, 1.0);
            assertThat(first.dead()).isNull();
            assertThat(Arrays.stream(first.weightHistogram().counts()).sum()).isEqualTo(784L * 20);
        }
        assertThat(done.steps()).as("only the measurement before training").hasSize(1);
        assertThat(done.steps().get(0).step()).isZero();
        assertThat(done.steps().get(0).layers().get(0).updateRatio()).isNull();
    }

    @Test
    void falseTurnsThemOffAndEveryStepsAddsSteps() {
        Job off = submit("""
                {"layers": [784, 20, 10], "epochs": 1, "batchSize": 50, "seed": 3, "diagnostics": false}""");
        Job stepped = submit("""
                {"layers": [784, 20, 10], "hiddenActivation": "relu", "epochs": 2, "batchSize": 100, "seed": 3,
                 "diagnostics": {"probe": 200, "everySteps": 8}}""");
        assertThat(off.request().diagnostics().enabled()).isFalse();

        Job offDone = awaitFinished(off.id(), Duration.ofSeconds(60));
        Job steppedDone = awaitFinished(stepped.id(), Duration.ofSeconds(60));

        assertThat(offDone.epochs().get(0).layers()).isNull();
        assertThat(offDone.steps()).isEmpty();
        // 2,000 examples in batches of 100: 20 steps an epoch, 40 in all; measured before training and at 8, 16, … 40.
        assertThat(steppedDone.steps()).extracting(StepMetrics::step).containsExactly(0L, 8L, 16L, 24L, 32L, 40L);
        assertThat(steppedDone.steps()).extracting(StepMetrics::epoch).containsExactly(0, 1, 1, 2, 2, 2);
        assertThat(steppedDone.epochs().get(1).layers().get(0).dead()).isBetween(0.0, 1.0);
    }

    @Test
    void theApiDocumentDescribesTheFieldsAndWhichMayBeNull() {
        String document = client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        JsonNode schemas = JsonMapper.builder()
                .build()
                .readTree(document)
                .path("components")
                .path("schemas");
        JsonNode diagnostics =
                schemas.path("TrainingRequest").path("properties").path("diagnostics");
        assertThat(diagnostics.path("oneOf").get(0).path("type").asString()).isEqualTo("boolean");
        JsonNode settings = diagnostics.path("oneOf").get(1).path("properties");
        assertThat(settings.path("probe").path("maximum").asInt()).isEqualTo(10_000);
        assertThat(settings.path("everySteps").path("type").toString()).contains("integer", "null");
        JsonNode layer = schemas.path("LayerMetrics").path("properties");
        for (String nullable : new String[] {"updateRatio", "saturated", "dead"}) {
            assertThat(layer.path(nullable).path("type").toString())
                    .as(nullable)
                    .contains("number", "null");
        }
        assertThat(layer.path("biasGradientNorm").path("type").asString()).isEqualTo("number");
        assertThat(schemas.path("EpochMetrics")
                        .path("properties")
                        .path("layers")
                        .path("type")
                        .toString())
                .contains("array", "null");
        assertThat(schemas.path("Job")
                        .path("properties")
                        .path("steps")
                        .path("items")
                        .path("$ref")
                        .asString())
                .endsWith("StepMetrics");
    }

    @Test
    void badDiagnosticsAreA400NamingTheField() {
        // Each bad value and the field its problem names.
        Map<String, String> cases = Map.of(
                "\"yes\"", "diagnostics",
                "7", "diagnostics",
                "{\"probe\": 0}", "diagnostics.probe",
                "{\"probe\": 20000}", "diagnostics.probe",
                "{\"everySteps\": -1}", "diagnostics.everySteps",
                "{\"probes\": 10}", "diagnostics.probes",
                "{\"probe\": \"many\"}", "diagnostics.probe");
        cases.forEach((bad, field) -> client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"layers\": [784, 10], \"diagnostics\": " + bad + "}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .value(body -> assertThat(body).as(bad).contains("\"" + field + "\"")));
    }
}
