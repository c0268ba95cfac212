package dev.backprop.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.RunningService;
import dev.backprop.dataset.IdxFiles;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

class ApiKeyAndLimitsTest {

    private static final String KEY = "s3cret-key";

    @TempDir
    static Path datasets;

    private static RunningService service;
    private static RestTestClient client;

    @BeforeAll
    static void start() throws Exception {
        IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 500, 100);
        service = RunningService.start(Map.of(
                "backprop.storage.type",
                "memory",
                "backprop.datasets.dir",
                datasets.toString(),
                "backprop.security.api-key",
                KEY,
                "backprop.http.max-body-size",
                "20KB"));
        client = service.client();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void writesWithoutTheKeyAre401Problems() {
        client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"layers\": [784, 10, 10]}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/unauthorized")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("X-API-Key"));
        client.post()
                .uri("/api/v1/jobs")
                .header("X-API-Key", "s3cret-kez")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"layers\": [784, 10, 10]}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("not hold the right"));
        client.delete()
                .uri("/api/v1/models/{id}", "any")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.post()
                .uri("/v2/models/{id}/infer", "any")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .value(error -> assertThat((String) error).contains("X-API-Key"));
        client.post()
                .uri("/api/v1/models/{id}/predict", "any")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("pixels", new int[784]))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void writesWithTheKeyGoThroughAndReadsStayOpen() {
        client.post()
                .uri("/api/v1/jobs")
                .header("X-API-Key", KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"layers\": [784, 10, 10], \"epochs\": 1}")
                .exchange()
                .expectStatus()
                .isAccepted();
        client.get().uri("/api/v1/jobs").exchange().expectStatus().isOk();
        client.get().uri("/api/v1/models").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/").exchange().expectStatus().isOk();
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        int[] pixels = new int[784];
        java.util.Arrays.fill(pixels, 255);
        StringBuilder huge = new StringBuilder("{\"images\": [");
        for (int k = 0; k < 10; k++) {
            huge.append(k == 0 ? "" : ",").append(java.util.Arrays.toString(pixels));
        }
        huge.append("]}");
        assertThat(huge.length()).isGreaterThan(20 * 1024);
        client.post()
                .uri("/api/v1/models/{id}/predict/batch", "any")
                .header("X-API-Key", KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(huge.toString())
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/payload-too-large");

        // Chunked, without Content-Length: refused as the bytes arrive.
        byte[] bytes = huge.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> chunked = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/api/v1/jobs"))
                                .header("Content-Type", "application/json")
                                .header("X-API-Key", KEY)
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("backprop.http.max-body-size");
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }
}
