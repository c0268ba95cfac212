package dev.backprop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.PictureParts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Export and import over real HTTP, with every way a request or a file can be wrong. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelExchangeApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private String sigmoidModel;
    private String reluModel;

    @BeforeAll
    void trainTwoModels() {
        sigmoidModel = trained(SMALL_JOB);
        reluModel = trained("""
                {"name": "relu softmax 1", "layers": [784, 16, 10], "hiddenActivation": "relu",
                 "outputActivation": "softmax", "loss": "cross_entropy", "epochs": 1, "learningRate": 0.1, "seed": 3}""");
    }

    @Test
    void eachFormatComesAsAFileNamedAfterTheModel() {
        for (String[] expected : new String[][] {
            {"onnx", "small.onnx", "application/octet-stream"},
            {"network2", "small.json", "application/json"},
            {"backprop", "small.model", "application/octet-stream"}
        }) {
            HttpHeaders headers = client.get()
                    .uri("/api/v1/models/{id}/export?format={f}", sigmoidModel, expected[0])
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .returnResult(byte[].class)
                    .getResponseHeaders();
            assertThat(headers.getContentDisposition().getFilename()).isEqualTo(expected[1]);
            assertThat(headers.getContentType().toString()).startsWith(expected[2]);
        }
        HttpHeaders relu = client.get()
                .uri("/api/v1/models/{id}/export?format=onnx", reluModel)
                .exchange()
                .returnResult(byte[].class)
                .getResponseHeaders();
        assertThat(relu.getContentDisposition().getFilename()).isEqualTo("relu-softmax-1.onnx");
    }

    @Test
    void theNetwork2FileHasNetwork2PysKeysAndShapes() {
        JsonNode file = JSON.readTree(export(sigmoidModel, "network2"));
        assertThat(file.get("sizes").toString()).isEqualTo("[784,30,10]");
        assertThat(file.get("cost").asString()).isEqualTo("QuadraticCost");
        assertThat(file.get("weights").get(0).size()).isEqualTo(30);
        assertThat(file.get("weights").get(0).get(0).size()).isEqualTo(784);
        assertThat(file.get("biases").get(1).size()).isEqualTo(10);
        assertThat(file.get("biases").get(1).get(0).size()).isEqualTo(1);
    }

    @Test
    void anImportedNetwork2FileEvaluatesAndExportsTheSameNumbersAgain() {
        byte[] exported = export(sigmoidModel, "network2");
        ModelInfo imported = importFile("net.json", exported)
                .expectStatus()
                .isCreated()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody();
        assertThat(imported.request()).isEmpty();
        assertThat(imported.loss()).isEqualTo("quadratic");

        client.post()
                .uri("/api/v1/models/{id}/evaluate", imported.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of())
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(JSON.readTree(export(imported.id(), "network2"))).isEqualTo(JSON.readTree(exported));
    }

    @Test
    void aNetworkThatIsNotAllSigmoidHasNoNetwork2Form() {
        problem(client.get().uri("/api/v1/models/{id}/export?format=network2", reluModel), 409)
                .satisfies(detail ->
                        assertThat(detail).contains("relu").contains("softmax").contains("onnx"));
    }

    @Test
    void anUnknownFormatOrModelIsRefused() {
        problem(client.get().uri("/api/v1/models/{id}/export?format=pickle", sigmoidModel), 400)
                .satisfies(detail -> assertThat(detail).contains("format").contains("onnx, network2, backprop"));
        problem(client.get().uri("/api/v1/models/{id}/export?format=onnx", "no-such-model"), 404);
    }

    @Test
    void brokenFilesAreRefusedNamingWhatIsWrongAndNothingIsStored() {
        int before = importedModels().size();
        byte[] native_ = export(sigmoidModel, "backprop");
        Map<String, String> cases = Map.of(
                "GIF89a not a model",
                "neither network2.py's JSON nor a Backprop model file",
                "{\"sizes\": [784, 30, 10], \"weights\": [], \"biases\": []}",
                "no 'cost'",
                "{\"sizes\": [784, 2, 10], \"weights\": [[[1, 2]], [[1]]], \"biases\": [[[0]], [[0]]], "
                        + "\"cost\": \"QuadraticCost\"}",
                "weights[0]: expected 2 rows of 784",
                "{\"sizes\": [100, 10], \"weights\": [], \"biases\": [], \"cost\": \"QuadraticCost\"}",
                "must start with 784",
                "{\"sizes\": [784, 10], \"weights\": [[[\"a\"]]], \"biases\": [], \"cost\": \"QuadraticCost\"}",
                "weights[0]: expected numbers",
                "{\"sizes\": [784, 10], \"cost\": \"LogCost\", \"weights\": [], \"biases\": []}",
                "'LogCost'",
                "{\"sizes\": [784, 10], ",
                "not valid JSON");
        cases.forEach((content, expected) -> assertThat(importProblem(content.getBytes(StandardCharsets.UTF_8)))
                .as(content)
                .contains(expected));
        assertThat(importProblem(Arrays.copyOf(native_, native_.length - 100))).contains("Backprop model file");
        byte[] flipped = native_.clone();
        flipped[flipped.length / 2] ^= 1;
        assertThat(importProblem(flipped)).contains("checksum");
        assertThat(importedModels()).hasSize(before);
    }

    @Test
    void anImportWithoutAFileIsRefused() {
        problem(
                        client.post()
                                .uri("/api/v1/models")
                                .contentType(MediaType.MULTIPART_FORM_DATA)
                                .body(new PictureParts()
                                        .part("other", "x", new byte[] {1})
                                        .build()),
                        400)
                .satisfies(detail -> assertThat(detail).contains("file"));
    }

    private String trained(String request) {
        Job job = awaitFinished(submit(request).id(), Duration.ofSeconds(60));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        return job.modelId();
    }

    private byte[] export(String model, String format) {
        return client.get()
                .uri("/api/v1/models/{id}/export?format={f}", model, format)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private RestTestClient.ResponseSpec importFile(String name, byte[] content) {
        return client.post()
                .uri("/api/v1/models")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(PictureParts.files(name, content).build())
                .exchange();
    }

    private String importProblem(byte[] content) {
        JsonNode problem = JSON.readTree(importFile("upload", content)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("file");
        return problem.get("detail").asString();
    }

    private org.assertj.core.api.AbstractStringAssert<?> problem(
            RestTestClient.RequestHeadersSpec<?> request, int status) {
        JsonNode problem = JSON.readTree(request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
        return assertThat(problem.get("detail").asString());
    }

    /** Models no job trained: another test's job may finish meanwhile, but imports are this test's. */
    private List<ModelInfo> importedModels() {
        return client
                .get()
                .uri("/api/v1/models")
                .exchange()
                .expectBody(new ParameterizedTypeReference<List<ModelInfo>>() {})
                .returnResult()
                .getResponseBody()
                .stream()
                .filter(model -> model.jobId() == null)
                .toList();
    }
}
