package dev.backprop.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.image.Pictures;
import dev.backprop.job.Job;
import java.awt.Color;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations that exist for generated clients, over real HTTP: a job's events as JSON, predict's
 * picture form, and each form of a dataset upload; each answers as its general sibling does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientOperationsApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] SEVEN = Pictures.png(Pictures.seven(280, 280, Color.WHITE, Color.BLACK, 24));
    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(40, 5);

    private Job job;

    @BeforeAll
    void train() {
        job = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
    }

    @Test
    void theEventHistoryIsWhatANewStreamStartsWith() {
        JsonNode events = answer(client.get().uri("/api/v1/jobs/{id}/events/history", job.id()), 200);
        assertThat(events.size()).isEqualTo(job.epochs().size() + 1);
        for (int k = 0; k < job.epochs().size(); k++) {
            assertThat(events.get(k).get("event").asString()).isEqualTo("epoch");
            assertThat(events.get(k).get("id").asString()).isEqualTo(Integer.toString(k + 1));
            assertThat(events.get(k).get("epoch").get("trainLoss").asDouble())
                    .isEqualTo(job.epochs().get(k).trainLoss());
        }
        JsonNode status = events.get(job.epochs().size());
        assertThat(status.get("event").asString()).isEqualTo("status");
        assertThat(status.get("job").get("status").asString()).isEqualTo("SUCCEEDED");
        answer(client.get().uri("/api/v1/jobs/nope/events/history"), 404);
    }

    @Test
    void aPictureAnswersAsPredictsMultipartForm() {
        JsonNode picture = predict("/predict/picture", files("file", SEVEN), 200);
        assertThat(picture).isEqualTo(predict("/predict", files("file", SEVEN), 200));
        assertThat(picture.get("input").size()).isEqualTo(28);
        MultiValueMap<String, Object> two = files("file", SEVEN);
        two.addAll(files("file", SEVEN));
        assertThat(predict("/predict/picture", two, 400).get("detail").asString())
                .contains("2 files");
        assertThat(predict("/predict/picture", files("picture", SEVEN), 400)
                        .get("detail")
                        .asString())
                .contains("'file'");
        answer(post("/api/v1/models/nope/predict/picture", files("file", SEVEN)), 404);
    }

    @Test
    void eachUploadFormStoresWhatTheGeneralUploadStores() {
        byte[] images = IdxFiles.images(DIGITS[0], 40, 28, 28);
        byte[] labels = IdxFiles.labels(DIGITS[1]);
        MultiValueMap<String, Object> idx = files("trainImages", images);
        idx.addAll(files("trainLabels", labels));
        idx.addAll(files("testImages", images));
        idx.addAll(files("testLabels", labels));
        MultiValueMap<String, Object> csv = files("train", IdxFiles.csv(DIGITS[0], DIGITS[1], true));
        csv.addAll(files("test", IdxFiles.csv(DIGITS[0], DIGITS[1], false)));
        for (Map.Entry<String, MultiValueMap<String, Object>> form :
                Map.of("idx", idx, "csv", csv).entrySet()) {
            JsonNode own = answer(post("/api/v1/datasets/" + form.getKey(), form.getValue()), 201);
            JsonNode general = answer(post("/api/v1/datasets", form.getValue()), 201);
            for (String field : new String[] {"trainingSize", "testSize", "classes", "format"}) {
                assertThat(own.get(field)).as(field).isEqualTo(general.get(field));
            }
            assertThat(own.get("trainingSize").asInt()).isEqualTo(40);
        }
        MultiValueMap<String, Object> half = files("trainImages", images);
        assertThat(answer(post("/api/v1/datasets/idx", half), 400).get("detail").asString())
                .contains("trainLabels");
        assertThat(answer(post("/api/v1/datasets/csv", idx), 400).get("detail").asString())
                .contains("train");
    }

    private JsonNode predict(String path, MultiValueMap<String, Object> body, int status) {
        return answer(post("/api/v1/models/" + job.modelId() + path, body), status);
    }

    private RestTestClient.RequestHeadersSpec<?> post(String uri, MultiValueMap<String, Object> body) {
        return client.post().uri(uri).contentType(MediaType.MULTIPART_FORM_DATA).body(body);
    }

    private static JsonNode answer(RestTestClient.RequestHeadersSpec<?> request, int status) {
        return JSON.readTree(request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
    }

    private static MultiValueMap<String, Object> files(String part, byte[] content) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add(part, new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return part + ".bin";
            }
        });
        return body;
    }
}
