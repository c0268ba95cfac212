package dev.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropClient;
import dev.backprop.RunningService;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.image.Pictures;
import dev.backprop.job.Job;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The limits on uploads, each set low: file and request sizes, Tomcat's part count, declared pixels. */
class PictureUploadLimitsTest {

    private static final byte[] SMALL_PICTURE =
            Pictures.png(Pictures.rectangle(100, 100, Color.WHITE, Color.BLACK, 40, 20, 20, 60));

    private static RunningService service;
    private static String modelId;

    @BeforeAll
    static void startWithLowLimits() throws IOException {
        Path datasets = Files.createTempDirectory("backprop-datasets");
        IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 500, 100);
        service = RunningService.start(Map.of(
                "backprop.storage.type", "memory",
                "backprop.datasets.dir", datasets.toString(),
                "backprop.datasets.download", "false",
                "spring.servlet.multipart.max-file-size", "50KB",
                "spring.servlet.multipart.max-request-size", "200KB",
                "server.tomcat.max-part-count", "5",
                "backprop.images.max-pixels", "10000",
                "backprop.images.max-file-size", "30KB"));
        modelId = trainAModel(service.client());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aFileOverTheUploadLimitIs413NamingTheLimits() {
        answer(PictureParts.files("big.png", new byte[80 * 1024]), HttpStatus.CONTENT_TOO_LARGE)
                .jsonPath("$.type")
                .isEqualTo("/problems/payload-too-large")
                .jsonPath("$.detail")
                .value(text -> assertThat((String) text)
                        .contains("50KB a file (spring.servlet.multipart.max-file-size)", "200KB a request"));
    }

    @Test
    void aPictureOverItsOwnFileLimitIs413BeforeItIsRead() {
        answer(PictureParts.files("photo.png", new byte[40 * 1024]), HttpStatus.CONTENT_TOO_LARGE)
                .jsonPath("$.errors[0].field")
                .isEqualTo("file")
                .jsonPath("$.detail")
                .value(text -> assertThat((String) text)
                        .contains("40960 bytes, more than the 30720 accepted (backprop.images.max-file-size)"));
    }

    @Test
    void tooManyPartsIs413() {
        PictureParts parts = new PictureParts();
        for (int k = 0; k < 6; k++) {
            parts.part("file", k + ".png", SMALL_PICTURE);
        }
        answer(parts, HttpStatus.CONTENT_TOO_LARGE)
                .jsonPath("$.detail")
                .value(text -> assertThat((String) text).contains("server.tomcat.max-part-count"));
    }

    @Test
    void theDeclaredPixelLimitIsConfigurable() {
        answer(PictureParts.files("a.png", SMALL_PICTURE), HttpStatus.OK);
        byte[] oneColumnMore = Pictures.png(Pictures.rectangle(101, 100, Color.WHITE, Color.BLACK, 40, 20, 20, 60));
        answer(PictureParts.files("a.png", oneColumnMore), HttpStatus.CONTENT_TOO_LARGE)
                .jsonPath("$.detail")
                .value(text -> assertThat((String) text).contains("101×100 = 10100 pixels, more than the 10000"));
    }

    @Test
    void aMultipartBodyWithoutBoundaryIs400() {
        service.client()
                .post()
                .uri("/api/v1/models/{id}/predict", modelId)
                .header("Content-Type", "multipart/form-data")
                .body("not really multipart")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/malformed-body");
    }

    private static RestTestClient.BodyContentSpec answer(PictureParts body, HttpStatus status) {
        return service.client()
                .post()
                .uri("/api/v1/models/{id}/predict", modelId)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(body.build())
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody();
    }

    private static String trainAModel(RestTestClient client) {
        BackpropClient backprop = new BackpropClient(client);
        String id = backprop.submit("{\"layers\": [784, 10, 10], \"epochs\": 1, \"seed\": 3}")
                .id();
        Job job = backprop.awaitFinished(id, Duration.ofSeconds(60));
        assertThat(job.modelId()).isNotNull();
        return job.modelId();
    }
}
