package dev.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Models addressed by name, version and alias wherever an id goes, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelRegistryApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(5, 42);
    /** Unique per run: the test context, and so the registry, is shared with other test classes. */
    private final String name = "digits-" + UUID.randomUUID().toString().substring(0, 8);

    private String first;
    private String second;

    @BeforeAll
    void trainTwoVersions() {
        first = trained(1);
        second = trained(2);
    }

    private String trained(int seed) {
        Job job = awaitFinished(
                submit("{\"name\": \"registry test\", \"modelName\": \"" + name + "\", \"layers\": [784, 20, 10],"
                                + " \"epochs\": 1, \"seed\": " + seed + "}")
                        .id(),
                Duration.ofSeconds(60));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        return job.modelId();
    }

    @Test
    void eachModelOfANameIsItsNextVersionAndLatestIsTheHighest() {
        assertThat(describe(first).version()).isEqualTo(1);
        assertThat(describe(second).version()).isEqualTo(2);
        assertThat(describe(second).name()).isEqualTo(name);
        JsonNode registered = read("/api/v1/models/" + name + "/versions");
        assertThat(registered.get("aliases").get("latest").asInt()).isEqualTo(2);
        assertThat(registered.get("versions").get(0).get("id").asString()).isEqualTo(second);
        assertThat(registered.get("versions").get(1).get("id").asString()).isEqualTo(first);
    }

    @Test
    void aNameAVersionAndAnAliasPredictAsTheirIdsDo() {
        assertThat(predict(name)).isEqualTo(predict(second));
        assertThat(predict(name + "@latest")).isEqualTo(predict(second));
        assertThat(predict(name + "/versions/1")).isEqualTo(predict(first));
        assertThat(predict(name + "/versions/1")).isNotEqualTo(predict(second));
        assertThat(read("/api/v1/models/" + name + "/versions/2").get("id").asString())
                .isEqualTo(second);
        byte[] exported = client.get()
                .uri("/api/v1/models/" + name + "/versions/1/export?format=backprop")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(exported).startsWith("BPMF".getBytes());
    }

    @Test
    void anAliasPointsAtTheVersionItIsSetTo() {
        client.put()
                .uri("/api/v1/models/{name}/aliases/production", name)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", 1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.production")
                .isEqualTo(1)
                .jsonPath("$.latest")
                .isEqualTo(2);
        assertThat(predict(name + "@production")).isEqualTo(predict(first));

        problem(
                        client.put()
                                .uri("/api/v1/models/{name}/aliases/latest", name)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(Map.of("version", 1))
                                .exchange(),
                        400)
                .contains("latest");
        problem(
                        client.put()
                                .uri("/api/v1/models/{name}/aliases/staging", name)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(Map.of("version", 9))
                                .exchange(),
                        404)
                .contains(name + "/versions/9");

        client.put()
                .uri("/api/v1/models/{name}/aliases/staging", name)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", 2))
                .exchange()
                .expectStatus()
                .isOk();
        client.delete()
                .uri("/api/v1/models/{name}/aliases/staging", name)
                .exchange()
                .expectStatus()
                .isNoContent();
        problem(
                client.delete()
                        .uri("/api/v1/models/{name}/aliases/staging", name)
                        .exchange(),
                404);
        problem(
                client.post()
                        .uri("/api/v1/models/{ref}/predict", name + "@staging")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("pixels", pixels()))
                        .exchange(),
                404);
    }

    @Test
    void theOpenInferenceProtocolServesAVersionOrTheLatest() {
        Map<String, Object> request = Map.of(
                "inputs",
                List.of(Map.of("name", "input", "shape", List.of(1, 784), "datatype", "UINT8", "data", pixels())));
        JsonNode versioned = post("/v2/models/" + name + "/versions/1/infer", request);
        assertThat(versioned.get("model_name").asString()).isEqualTo(name);
        assertThat(versioned.get("model_version").asString()).isEqualTo("1");
        assertThat(post("/v2/models/" + name + "/infer", request)
                        .get("model_version")
                        .asString())
                .isEqualTo("2");
        assertThat(read("/v2/models/" + name + "/versions/2")
                        .get("versions")
                        .get(0)
                        .asString())
                .isEqualTo("2");
        JsonNode missing = JSON.readTree(client.get()
                .uri("/v2/models/" + name + "/versions/7")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
        assertThat(missing.get("error").asString()).contains("no version 7");
    }

    private ModelInfo describe(String id) {
        return client.get()
                .uri("/api/v1/models/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody();
    }

    private String predict(String reference) {
        return client.post()
                .uri("/api/v1/models/" + reference + "/predict")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("pixels", pixels()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static int[] pixels() {
        int[] pixels = new int[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = DIGITS[0][i] & 0xFF;
        }
        return pixels;
    }

    private JsonNode read(String path) {
        return JSON.readTree(client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
    }

    private JsonNode post(String path, Object body) {
        return JSON.readTree(client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
    }

    private org.assertj.core.api.AbstractStringAssert<?> problem(
            org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec response, int status) {
        JsonNode problem = JSON.readTree(response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
        return assertThat(problem.get("detail").asString());
    }
}
