package dev.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.ApiTestSupport;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.image.Pictures;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** POST /api/v1/models/{id}/explain over real HTTP: its answers, its heat map and its refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainApiTest extends ApiTestSupport {

    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(5, 41);
    private String modelId;
    private Job job;

    @BeforeAll
    void trainAModel() {
        job = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        modelId = job.modelId();
    }

    @Test
    void integratedGradientsAddUpToTheScoresDifference() {
        ExplanationResponse answer = explain(modelId, body(Map.of()));
        PredictionResponse prediction = client.post()
                .uri("/api/v1/models/{id}/predict", modelId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("pixels", pixels(0)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(PredictionResponse.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.label()).isEqualTo(prediction.label());
        assertThat(answer.target()).isEqualTo(prediction.label());
        assertThat(answer.probabilities()).isEqualTo(prediction.probabilities());
        assertThat(answer.method()).isEqualTo("integrated_gradients");
        // The small job's outputs are sigmoids: explained on the probability /predict answers.
        assertThat(answer.scoredOn()).isEqualTo("probability");
        assertThat((double) answer.score()).isCloseTo(prediction.confidence(), within(1e-5));
        assertThat(answer.attributions()).hasNumberOfRows(28);
        assertThat(answer.input()[10]).hasSize(28);
        double sum = 0;
        for (float[] row : answer.attributions()) {
            for (float value : row) {
                sum += value;
            }
        }
        assertThat(sum).isCloseTo(answer.score() - answer.baselineScore(), within(answer.completenessError() + 1e-5));
        assertThat(answer.completenessError()).isLessThan(0.01 * Math.abs(answer.score() - answer.baselineScore()));
    }

    @Test
    void otherMethodsAndTargetsAndAddressesAnswerToo() {
        ExplanationResponse saliency = explain(modelId, body(Map.of("method", "saliency", "target", 3)));
        assertThat(saliency.target()).isEqualTo(3);
        assertThat(saliency.baselineScore()).isNull();
        assertThat(saliency.completenessError()).isNull();
        ExplanationResponse occlusion = explain(modelId, body(Map.of("method", "occlusion")));
        // One value per 4×4 patch: the pixels of a patch share it.
        assertThat(occlusion.attributions()[0][0]).isEqualTo(occlusion.attributions()[3][3]);
        ExplanationResponse fromGrey = explain(modelId, body(Map.of("steps", 16, "baseline", grey())));
        assertThat(fromGrey.baselineScore()).isNotNull();

        ModelInfo model = client.get()
                .uri("/api/v1/models/{id}", modelId)
                .exchange()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody();
        ExplanationResponse byVersion = explain("small/versions/" + model.version(), body(Map.of()));
        assertThat(byVersion.attributions())
                .isEqualTo(explain(modelId, body(Map.of())).attributions());
        assertThat(explain("small@latest", body(Map.of())).attributions()).hasNumberOfRows(28);
    }

    @Test
    void aHeatMapForAcceptImagePng() throws IOException {
        byte[] png = client.post()
                .uri("/api/v1/models/{id}/explain", modelId)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.IMAGE_PNG)
                .body(body(Map.of()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(280);
        assertThat(image.getHeight()).isEqualTo(280);
        boolean tinted = false;
        for (int y = 0; y < 280 && !tinted; y += 5) {
            for (int x = 0; x < 280 && !tinted; x += 5) {
                Color color = new Color(image.getRGB(x, y));
                tinted = Math.abs(color.getRed() - color.getBlue()) > 60;
            }
        }
        assertThat(tinted).as("some pixel is red or blue").isTrue();
    }

    @Test
    void aPictureIsExplainedAfterTheSamePreprocessingAsForPredict() {
        byte[] seven = Pictures.png(Pictures.seven(280, 280, Color.WHITE, Color.BLACK, 24));
        var parts = PictureParts.files("seven.png", seven).build();
        parts.add("method", new HttpEntity<>("occlusion"));
        parts.add("target", new HttpEntity<>("1"));
        ExplanationResponse answer = client.post()
                .uri("/api/v1/models/{id}/explain", modelId)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ExplanationResponse.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.method()).isEqualTo("occlusion");
        assertThat(answer.target()).isEqualTo(1);
        PicturePredictionResponse predicted = client.post()
                .uri("/api/v1/models/{id}/predict", modelId)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(PictureParts.files("seven.png", seven).build())
                .exchange()
                .expectBody(PicturePredictionResponse.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.input()).isEqualTo(predicted.input());

        var noFile = new org.springframework.util.LinkedMultiValueMap<String, Object>();
        noFile.add("method", "saliency");
        refuse(modelId, MediaType.MULTIPART_FORM_DATA, noFile, "file");
        var badTarget = PictureParts.files("seven.png", seven).build();
        badTarget.add("target", new HttpEntity<>("seven"));
        refuse(modelId, MediaType.MULTIPART_FORM_DATA, badTarget, "target");
    }

    @Test
    void badFieldsAre400sNamingThem() {
        refuse(modelId, MediaType.APPLICATION_JSON, body(Map.of("target", 10)), "target");
        refuse(modelId, MediaType.APPLICATION_JSON, body(Map.of("target", -1)), "target");
        refuse(modelId, MediaType.APPLICATION_JSON, body(Map.of("steps", 0)), "steps");
        refuse(modelId, MediaType.APPLICATION_JSON, body(Map.of("steps", 513)), "steps");
        refuse(modelId, MediaType.APPLICATION_JSON, body(Map.of("baseline", new int[783])), "baseline");
        refuse(modelId, MediaType.APPLICATION_JSON, body(Map.of("baseline", "white")), "baseline");
        refuse(modelId, MediaType.APPLICATION_JSON, body(Map.of("method", "magic")), "method");
        refuse(modelId, MediaType.APPLICATION_JSON, Map.of("pixels", new int[3]), "pixels");
        refuse(modelId, MediaType.APPLICATION_JSON, Map.of("pixels", pixels(0), "stpes", 3), "stpes");
        // A client asking for the heat map still gets the problem as JSON.
        client.post()
                .uri("/api/v1/models/{id}/explain", modelId)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.IMAGE_PNG)
                .body(body(Map.of("steps", 100000)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.post()
                .uri("/api/v1/models/{id}/explain", "no-such-model")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(Map.of()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theOpenApiDocumentDescribesTheOperation() {
        String path = "$.paths['/api/v1/models/{id}/explain'].post";
        client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath(path + ".requestBody.content.keys()")
                .value(
                        List.class,
                        types -> assertThat(types)
                                .containsExactly(MediaType.APPLICATION_JSON_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE))
                .jsonPath(path + ".requestBody.content['application/json'].examples['a hand-drawn 7'].value.steps")
                .isEqualTo(64)
                .jsonPath(path + ".responses['200'].content['image/png']")
                .exists()
                .jsonPath(path + ".responses['400'].content['application/problem+json']")
                .exists();
    }

    private void refuse(String model, MediaType type, Object body, String field) {
        client.post()
                .uri("/api/v1/models/{id}/explain", model)
                .contentType(type)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .value(String.class, name -> assertThat(name).startsWith(field));
    }

    private ExplanationResponse explain(String model, Map<String, Object> body) {
        RestTestClient.ResponseSpec response = client.post()
                .uri("/api/v1/models/" + model + "/explain")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
        return response.expectStatus()
                .isOk()
                .expectBody(ExplanationResponse.class)
                .returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> body(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("pixels", pixels(0));
        return body;
    }

    private static int[] pixels(int example) {
        int[] pixels = new int[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = DIGITS[example][i] & 0xFF;
        }
        return pixels;
    }

    private static List<Integer> grey() {
        return java.util.Collections.nCopies(784, 60);
    }
}
