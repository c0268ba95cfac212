package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import dev.backprop.model.ModelInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Uploading datasets over HTTP as IDX and CSV, training on them, refusing broken ones, deleting them. */
class DatasetUploadApiTest extends ApiTestSupport {

    private static final byte[][] TRAIN = UploadParts.TRAIN;
    private static final byte[][] TEST = UploadParts.TEST;

    static Map<String, byte[]> idxParts() {
        return UploadParts.idxParts();
    }

    static Map<String, byte[]> csvParts() {
        return UploadParts.csvParts();
    }

    static RestTestClient.ResponseSpec upload(
            RestTestClient client, Map<String, byte[]> files, Map<String, String> fields) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        files.forEach((part, bytes) -> body.add(part, new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return part + ".bin";
            }
        }));
        fields.forEach(body::add);
        return client.post()
                .uri("/api/v1/datasets")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(body)
                .exchange();
    }

    private DatasetInfo uploaded(Map<String, byte[]> files, Map<String, String> fields) {
        return upload(client, files, fields)
                .expectStatus()
                .isCreated()
                .expectBody(DatasetInfo.class)
                .returnResult()
                .getResponseBody();
    }

    private List<DatasetInfo> datasets() {
        return client.get()
                .uri("/api/v1/datasets")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<DatasetInfo>>() {})
                .returnResult()
                .getResponseBody();
    }

    @Test
    void anIdxUploadIsStoredListedAndTrainedOn() {
        var result = upload(client, idxParts(), Map.of("name", "squares"))
                .expectStatus()
                .isCreated()
                .expectBody(DatasetInfo.class)
                .returnResult();
        DatasetInfo info = result.getResponseBody();
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/v1/datasets/" + info.id());
        assertThat(info.name()).isEqualTo("squares");
        assertThat(info.builtIn()).isFalse();
        assertThat(info.available()).isTrue();
        assertThat(info.format()).isEqualTo("idx");
        assertThat(info.trainingSize()).isEqualTo(1000);
        assertThat(info.testSize()).isEqualTo(300);
        assertThat(info.classes()).isEqualTo(10);
        assertThat(info.createdAt()).isNotNull();
        assertThat(datasets()).extracting(DatasetInfo::id).contains("mnist", "fashion-mnist", info.id());
        client.get()
                .uri("/api/v1/datasets/{id}", info.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.trainingSize")
                .isEqualTo(1000);

        Job job = awaitFinished(
                submit("{\"dataset\": \"" + info.id() + "\", \"layers\": [784, 30, 10], \"epochs\": 2, \"seed\": 5}")
                        .id(),
                Duration.ofSeconds(60));

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.epochs().get(1).testAccuracy()).isGreaterThan(0.9);
        ModelInfo model = client.get()
                .uri("/api/v1/models/{id}", job.modelId())
                .exchange()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody();
        assertThat(model.dataset()).isEqualTo(info.id());
    }

    @Test
    void aCsvUploadWithAHeaderHoldsTheSameImages() {
        DatasetInfo info = uploaded(csvParts(), Map.of());
        assertThat(info.format()).isEqualTo("csv");
        assertThat(info.name()).as("named after the training file").isEqualTo("train.bin");
        assertThat(info.trainingSize()).isEqualTo(1000);
        assertThat(info.testSize()).isEqualTo(300);
    }

    @Test
    void anUploadMayDeclareFewerClassesAndJobsMustMatchThem() {
        byte[] labels = TRAIN[1].clone();
        for (int k = 0; k < labels.length; k++) {
            labels[k] %= 3;
        }
        byte[] testLabels = TEST[1].clone();
        for (int k = 0; k < testLabels.length; k++) {
            testLabels[k] %= 3;
        }
        DatasetInfo info = uploaded(
                Map.of(
                        "train",
                        IdxFiles.csv(TRAIN[0], labels, false),
                        "test",
                        IdxFiles.csv(TEST[0], testLabels, false)),
                Map.of("classes", "3"));
        assertThat(info.classes()).isEqualTo(3);

        ProblemDetail refused = client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"dataset\": \"" + info.id() + "\", \"layers\": [784, 30, 10]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(ProblemDetail.class)
                .returnResult()
                .getResponseBody();
        assertThat(refused.getDetail()).contains("layers: must end with 3, the number of classes in " + info.id());
        Job job = awaitFinished(
                submit("{\"dataset\": \"" + info.id() + "\", \"layers\": [784, 20, 3], \"epochs\": 1}")
                        .id(),
                Duration.ofSeconds(60));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aPartHoldingMoreImagesThanTheLimitIs413() {
        byte[][] many = IdxFiles.syntheticDigits(2600, 3);
        Map<String, byte[]> files = idxParts();
        files.put("trainImages", IdxFiles.gzip(IdxFiles.images(many[0], 2600, 28, 28)));
        files.put("trainLabels", IdxFiles.gzip(IdxFiles.labels(many[1])));
        upload(client, files, Map.of())
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/payload-too-large")
                .jsonPath("$.errors[0].field")
                .isEqualTo("trainImages")
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail)
                                .contains(
                                        "declares 2600 images, more than the limit of 2500 (backprop.datasets.max-examples)"));
    }

    @Test
    void anUploadOverTheSizeLimitIs413() {
        byte[] big = new byte[4_500_000];
        new java.util.Random(1).nextBytes(big);
        Map<String, byte[]> files = idxParts();
        files.put("trainImages", big);
        upload(client, files, Map.of())
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .contains("at most 4MB a file")
                        .contains("backprop.datasets.max-upload-size"));
    }

    @Test
    void otherContentTypesAndBrokenMultipartBodiesAreRefused() {
        client.post()
                .uri("/api/v1/datasets")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"train\": \"1,2,3\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        client.post()
                .uri("/api/v1/datasets")
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .body("--xyz\r\nContent-Disposition: form-data; name=\"train\"; filename=\"a\"\r\n\r\n1,2")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/malformed-body");
    }

    @Test
    void aDatasetIsDeletedOnceNoUnfinishedJobUsesIt() {
        DatasetInfo info = uploaded(idxParts(), Map.of());
        Job job = submit("{\"dataset\": \"" + info.id() + "\", \"layers\": [784, 100, 10], \"epochs\": 500}");

        client.delete()
                .uri("/api/v1/datasets/{id}", info.id())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/conflict")
                .jsonPath("$.jobs[0]")
                .isEqualTo(job.id());

        client.post()
                .uri("/api/v1/jobs/{id}/cancel", job.id())
                .exchange()
                .expectStatus()
                .isOk();
        awaitFinished(job.id(), Duration.ofSeconds(30));
        client.delete()
                .uri("/api/v1/datasets/{id}", info.id())
                .exchange()
                .expectStatus()
                .isNoContent();

        client.get()
                .uri("/api/v1/datasets/{id}", info.id())
                .exchange()
                .expectStatus()
                .isNotFound();
        client.delete()
                .uri("/api/v1/datasets/{id}", info.id())
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(datasets()).extracting(DatasetInfo::id).doesNotContain(info.id());
        client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"dataset\": \"" + info.id() + "\", \"layers\": [784, 30, 10]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("dataset");
    }
}
