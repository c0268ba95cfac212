package dev.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.BackpropClient;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelApiTest extends ApiTestSupport {

    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(40, 99);
    private String modelId;
    private Job job;

    @BeforeAll
    void trainAModel() {
        job = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        modelId = job.modelId();
    }

    @Test
    void theJobsModelIsListedAndDescribed() {
        List<ModelInfo> models = client.get()
                .uri("/api/v1/models")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<ModelInfo>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(models).extracting(ModelInfo::id).contains(modelId);

        ModelInfo model = client.get()
                .uri("/api/v1/models/{id}", modelId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody();
        assertThat(model.jobId()).isEqualTo(job.id());
        assertThat(model.layers()).containsExactly(784, 30, 10);
        assertThat(model.hiddenActivation()).isEqualTo("sigmoid");
        assertThat(model.loss()).isEqualTo("quadratic");
        assertThat(model.parameterCount()).isEqualTo(784 * 30 + 30 + 30 * 10 + 10);
        assertThat(model.dataset()).isEqualTo("mnist");
        assertThat(model.request().get("seed")).isEqualTo(7);
        assertThat(model.metrics().testAccuracy()).isEqualTo(job.epochs().get(1).testAccuracy());
        assertThat(model.createdAt()).isNotNull();
        assertThat(model.epochsTrained()).isEqualTo(2);
    }

    @Test
    void predictsOneImageFromPixelsOrRowsAlike() {
        for (int e = 0; e < 10; e++) {
            PredictionResponse fromPixels = predict(Map.of("pixels", pixels(e)));
            PredictionResponse fromRows = predict(Map.of("image", rows(e)));
            assertThat(fromRows.label()).isEqualTo(fromPixels.label());
            assertThat(fromRows.probabilities()).isEqualTo(fromPixels.probabilities());
            assertThat(fromPixels.probabilities()).hasSize(10);
            double sum = 0;
            for (float p : fromPixels.probabilities()) {
                sum += p;
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(fromPixels.confidence()).isEqualTo(fromPixels.probabilities()[fromPixels.label()]);
        }
    }

    @Test
    void recognisesDigitsLikeThoseItWasTrainedOn() {
        int right = 0;
        for (int e = 0; e < 40; e++) {
            if (predict(Map.of("pixels", pixels(e))).label() == DIGITS[1][e]) {
                right++;
            }
        }
        assertThat(right).as("of 40 new synthetic digits").isGreaterThanOrEqualTo(32);
    }

    @Test
    void aBatchAnswersAsSinglePredictionsInOrder() {
        List<int[]> images = new ArrayList<>();
        for (int e = 0; e < 40; e++) {
            images.add(pixels(e));
        }
        BatchPredictionResponse batch = new BackpropClient(client).predictBatch(modelId, images);
        assertThat(batch.predictions()).hasSize(40);
        for (int e = 0; e < 40; e++) {
            PredictionResponse single = predict(Map.of("pixels", pixels(e)));
            assertThat(batch.predictions().get(e).label()).isEqualTo(single.label());
            assertThat(batch.predictions().get(e).probabilities()).isEqualTo(single.probabilities());
        }
    }

    /** Tomcat's handling of encoded slashes, which only the real server shows. */
    @Test
    void aPathThatClimbsOutIsRefused() {
        client.get()
                .uri("/api/v1/models/{id}", "..%2F..%2Fetc%2Fpasswd")
                .exchange()
                .expectStatus()
                .is4xxClientError();
    }

    @Test
    void aDeletedModelIsGone() {
        String other =
                awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60)).modelId();
        client.delete()
                .uri("/api/v1/models/{id}", other)
                .exchange()
                .expectStatus()
                .isNoContent();
        client.get().uri("/api/v1/models/{id}", other).exchange().expectStatus().isNotFound();
        client.post()
                .uri("/api/v1/models/{id}/predict", other)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("pixels", new int[784]))
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get()
                .uri("/api/v1/models/{id}", modelId)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private PredictionResponse predict(Object body) {
        return client.post()
                .uri("/api/v1/models/{id}/predict", modelId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(PredictionResponse.class)
                .returnResult()
                .getResponseBody();
    }

    private static int[] pixels(int example) {
        int[] pixels = new int[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = DIGITS[0][example * 784 + i] & 0xFF;
        }
        return pixels;
    }

    private static int[][] rows(int example) {
        int[] pixels = pixels(example);
        int[][] rows = new int[28][28];
        for (int r = 0; r < 28; r++) {
            System.arraycopy(pixels, r * 28, rows[r], 0, 28);
        }
        return rows;
    }
}
