package dev.backprop.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.job.Job;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Looking inside a trained network over real HTTP: receptive fields, the projection, example pictures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private String model;

    @BeforeAll
    void train() {
        model = trained(SMALL_JOB);
    }

    private String trained(String request) {
        Job job = awaitFinished(submit(request).id(), Duration.ofSeconds(60));
        return job.modelId();
    }

    @Test
    void theReceptiveFieldsAreATileAUnitInANearSquareGrid() throws Exception {
        byte[] png = client.get()
                .uri("/api/v1/models/{id}/receptive-fields.png?zoom=2", model)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        // 30 units: 6 columns and 5 rows of 2·28 + 1 pixels, and the outer gutter.
        assertThat(image.getWidth()).isEqualTo(6 * 57 + 1);
        assertThat(image.getHeight()).isEqualTo(5 * 57 + 1);
        client.get()
                .uri("/api/v1/models/{id}/receptive-fields.png?zoom=0", model)
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void theProjectionPlacesEachExampleWithItsLabelAndPrediction() {
        JsonNode projection = project(model, Map.of("count", 300), 200);
        assertThat(projection.get("units").asInt()).isEqualTo(30);
        assertThat(projection.get("points")).hasSize(300);
        double explained = projection.get("explainedVariance").get(0).asDouble()
                + projection.get("explainedVariance").get(1).asDouble();
        assertThat(explained).isBetween(0.0, 1.0);
        assertThat(projection.get("explainedVariance").get(0).asDouble())
                .isGreaterThanOrEqualTo(
                        projection.get("explainedVariance").get(1).asDouble());
        // ApiTestSupport's test split: the synthetic digits of seed 2.
        byte[][] test = IdxFiles.syntheticDigits(500, 2);
        for (int e = 0; e < 5; e++) {
            JsonNode point = projection.get("points").get(e);
            assertThat(point.get("label").asInt()).isEqualTo(test[1][e]);
            assertThat(point.get("predicted").asInt())
                    .isEqualTo(jobs().predict(model, IdxFiles.pixels(test, e)).label());
        }
    }

    private JsonNode project(String id, Map<String, Object> body, int status) {
        return JSON.readTree(client.post()
                .uri("/api/v1/models/{id}/projection", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
    }
}
