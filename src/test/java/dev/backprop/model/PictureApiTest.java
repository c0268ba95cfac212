package dev.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.image.Pictures;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.awt.Color;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("timed")
class PictureApiTest extends ApiTestSupport {

    private static final byte[] SEVEN = Pictures.png(Pictures.seven(280, 280, Color.WHITE, Color.BLACK, 24));
    private String modelId;

    @BeforeAll
    void trainAModel() {
        Job job = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        modelId = job.modelId();
    }

    @Test
    void aPictureIsAnsweredWithTheInputTheModelSaw() {
        PicturePredictionResponse answer = post("/predict", PictureParts.files("seven.png", SEVEN))
                .expectStatus()
                .isOk()
                .expectBody(PicturePredictionResponse.class)
                .returnResult()
                .getResponseBody();

        assertThat(answer.probabilities()).hasSize(10);
        assertThat(answer.confidence()).isEqualTo(answer.probabilities()[answer.label()]);
        assertThat(answer.input()).hasNumberOfRows(28);
        assertThat(answer.input()[0]).hasSize(28);
        assertThat(answer.picture()).isEqualTo(new PictureInfo("seven.png", "PNG", 280, 280, true));
        // The input shown is exactly what was classified: sent back as JSON it gets the same answer.
        PredictionResponse fromJson = client.post()
                .uri("/api/v1/models/{id}/predict", modelId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("image", answer.input()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(PredictionResponse.class)
                .returnResult()
                .getResponseBody();
        assertThat(fromJson.probabilities()).isEqualTo(answer.probabilities());
    }

    @Test
    void aBatchOfPicturesIsAnsweredInOrder() {
        byte[] jpeg = Pictures.jpeg(Pictures.seven(300, 200, new Color(250, 240, 200), Color.BLUE, 20), 0.9f);
        byte[] gif = Pictures.encode(Pictures.rectangle(50, 80, Color.BLACK, Color.WHITE, 20, 10, 8, 60), "gif");

        PictureBatchPredictionResponse batch = post(
                        "/predict/batch", PictureParts.files("a.png", SEVEN, "b.jpg", jpeg, "c.gif", gif))
                .expectStatus()
                .isOk()
                .expectBody(PictureBatchPredictionResponse.class)
                .returnResult()
                .getResponseBody();

        assertThat(batch.predictions()).hasSize(3);
        assertThat(batch.predictions())
                .extracting(prediction -> prediction.picture().filename())
                .containsExactly("a.png", "b.jpg", "c.gif");
        assertThat(batch.predictions())
                .extracting(prediction -> prediction.picture().format())
                .containsExactly("PNG", "JPEG", "GIF");
        assertThat(batch.predictions().get(2).picture().inverted()).isFalse();
    }

    @Test
    void aDecompressionBombIsRefusedQuicklyAndTheServiceStaysHealthy() {
        byte[] bomb = Pictures.pngBomb(30_000, 30_000);

        long started = System.nanoTime();
        refuse("/predict", PictureParts.files("bomb.png", bomb), HttpStatus.CONTENT_TOO_LARGE)
                .jsonPath("$.type")
                .isEqualTo("/problems/payload-too-large")
                .jsonPath("$.detail")
                .value(text -> assertThat((String) text).contains("30000×30000", "backprop.images.max-pixels"));
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf(
                "Decompression bomb (%d bytes, 30000×30000) refused over HTTP in %d ms%n", bomb.length, millis);
        assertThat(millis).isLessThan(2000);
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        post("/predict", PictureParts.files("seven.png", SEVEN)).expectStatus().isOk();
    }

    private RestTestClient.ResponseSpec post(String path, PictureParts body) {
        return client.post()
                .uri("/api/v1/models/{id}" + path, modelId)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(body.build())
                .exchange();
    }

    private org.springframework.test.web.servlet.client.RestTestClient.BodyContentSpec refuse(
            String path, PictureParts body, HttpStatus status) {
        return post(path, body)
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }
}
