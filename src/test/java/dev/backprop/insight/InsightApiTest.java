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
    private String noHidden;

    @BeforeAll
    void train() {
        model = trained(SMALL_JOB);
        noHidden = trained("{\"layers\": [784, 10], \"epochs\": 1, \"seed\": 1}");
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

    @Test
    void aNetworkWithoutAHiddenLayerHasNothingToProjectAndBadRequestsAreNamed() {
        assertThat(project(noHidden, Map.of(), 409).get("detail").asString()).contains("hidden layer");
        assertThat(project(model, Map.of("split", "validation"), 400)
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("split");
        assertThat(project(model, Map.of("count", 1), 400)
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("count");
    }

    @Test
    void anExampleComesAsTheDatasetHoldsIt() throws Exception {
        byte[] png = client.get()
                .uri("/api/v1/datasets/mnist/test/3.png")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(28);
        int[] expected = IdxFiles.pixels(IdxFiles.syntheticDigits(500, 2), 3);
        for (int i = 0; i < 784; i++) {
            assertThat(image.getRaster().getSample(i % 28, i / 28, 0)).isEqualTo(expected[i]);
        }
        client.get()
                .uri("/api/v1/datasets/mnist/test/500.png")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    /** Generated Python clients send the first JSON type an operation lists as Accept: the problem's, here. */
    @Test
    void aClientAcceptingOnlyProblemsStillGetsThePictures() {
        for (String uri :
                new String[] {"/api/v1/datasets/mnist/test/3.png", "/api/v1/models/" + model + "/receptive-fields.png"
                }) {
            client.get()
                    .uri(uri)
                    .header("Accept", MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentType(MediaType.IMAGE_PNG);
        }
        client.get()
                .uri("/api/v1/datasets/mnist/test/500.png")
                .header("Accept", MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
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
