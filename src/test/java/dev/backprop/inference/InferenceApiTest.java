package dev.backprop.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import dev.backprop.model.PredictionResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferenceApiTest extends ApiTestSupport {

    private static final int IMAGES = 20;
    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(IMAGES, 5);
    private String modelId;
    private final List<PredictionResponse> predicted = new ArrayList<>();

    @BeforeAll
    void trainAModelAndPredictOverTheV1Api() {
        Job job = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        modelId = job.modelId();
        for (int e = 0; e < IMAGES; e++) {
            predicted.add(client.post()
                    .uri("/api/v1/models/{id}/predict", modelId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("pixels", pixels(e)))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(PredictionResponse.class)
                    .returnResult()
                    .getResponseBody());
        }
    }

    @Test
    void healthAndServerMetadataAnswer() {
        client.get()
                .uri("/v2/health/live")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.live")
                .isEqualTo(true);
        client.get()
                .uri("/v2/health/ready")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.ready")
                .isEqualTo(true);
        client.get()
                .uri("/v2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("backprop")
                .jsonPath("$.version")
                .isNotEmpty()
                .jsonPath("$.extensions")
                .isArray();
    }

    @Test
    void modelMetadataDescribesItsTensors() {
        client.get()
                .uri("/v2/models/{id}", modelId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("small")
                .jsonPath("$.versions[0]")
                .isEqualTo(version())
                .jsonPath("$.platform")
                .isEqualTo("backprop")
                .jsonPath("$.inputs[0].name")
                .isEqualTo("input")
                .jsonPath("$.inputs[0].datatype")
                .isEqualTo("FP32")
                .jsonPath("$.inputs[0].shape")
                .isEqualTo(List.of(-1, 784))
                .jsonPath("$.outputs[0].name")
                .isEqualTo("probabilities")
                .jsonPath("$.outputs[0].datatype")
                .isEqualTo("FP32")
                .jsonPath("$.outputs[0].shape")
                .isEqualTo(List.of(-1, 10))
                .jsonPath("$.outputs[1].name")
                .isEqualTo("label")
                .jsonPath("$.outputs[1].datatype")
                .isEqualTo("INT64")
                .jsonPath("$.outputs[1].shape")
                .isEqualTo(List.of(-1));
        client.get()
                .uri("/v2/models/{id}/ready", modelId)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void inferGivesTheLabelsOfPredictInBothDatatypesShapesAndLayouts() {
        for (String datatype : List.of("UINT8", "FP32")) {
            for (boolean square : List.of(false, true)) {
                for (boolean nested : List.of(false, true)) {
                    String what = datatype + (square ? " [N,28,28]" : " [N,784]") + (nested ? " nested" : " flat");
                    JsonNode response = infer(request(datatype, square, nested), HttpStatus.OK);

                    assertThat(response.get("model_name").asString()).isEqualTo("small");
                    assertThat(response.get("model_version").asString()).isEqualTo(version());
                    JsonNode probabilities = output(response, "probabilities");
                    JsonNode labels = output(response, "label");
                    assertThat(probabilities.get("datatype").asString()).isEqualTo("FP32");
                    assertThat(probabilities.get("shape").toString()).isEqualTo("[20,10]");
                    assertThat(labels.get("datatype").asString()).isEqualTo("INT64");
                    assertThat(labels.get("shape").toString()).isEqualTo("[20]");
                    for (int e = 0; e < IMAGES; e++) {
                        assertThat(labels.get("data").get(e).asInt())
                                .as("%s, image %d", what, e)
                                .isEqualTo(predicted.get(e).label());
                        if (datatype.equals("UINT8")) {
                            // The same pixels scaled the same way: the same probabilities, bit for bit.
                            for (int c = 0; c < 10; c++) {
                                assertThat(probabilities
                                                .get("data")
                                                .get(e * 10 + c)
                                                .floatValue())
                                        .isEqualTo(predicted.get(e).probabilities()[c]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void answersOnlyTheOutputsAskedForAndEchoesTheId() {
        Map<String, Object> request = new java.util.HashMap<>(request("UINT8", false, false));
        request.put("id", "42");
        request.put("outputs", List.of(Map.of("name", "label", "parameters", Map.of("binary_data", true))));

        JsonNode response = infer(request, HttpStatus.OK);

        assertThat(response.get("id").asString()).isEqualTo("42");
        assertThat(response.get("outputs")).hasSize(1);
        assertThat(response.get("outputs").get(0).get("name").asString()).isEqualTo("label");
    }

    @Test
    void theProtocolIsInTheOpenApiDocument() {
        client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/v2/models/{id}/infer'].post")
                .exists()
                .jsonPath("$.paths['/v2/health/live'].get")
                .exists()
                .jsonPath("$.paths['/v2/models/{id}'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/models/{id}/evaluate'].post")
                .exists();
    }

    private Map<String, Object> request(String datatype, boolean square, boolean nested) {
        List<Object> data = new ArrayList<>();
        for (int e = 0; e < IMAGES; e++) {
            int[] pixels = pixels(e);
            List<Object> image = new ArrayList<>();
            for (int r = 0; r < 28; r++) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < 28; c++) {
                    int value = pixels[r * 28 + c];
                    row.add(datatype.equals("UINT8") ? (Object) value : (Object) (value / 255f));
                }
                if (nested && square) {
                    image.add(row);
                } else {
                    image.addAll(row);
                }
            }
            if (nested) {
                data.add(image);
            } else {
                data.addAll(image);
            }
        }
        return input(datatype, square ? List.of(IMAGES, 28, 28) : List.of(IMAGES, 784), data);
    }

    @Test
    void binaryTensorsGiveTheSameAnswersAsJson() {
        JsonNode json = infer(request("UINT8", false, false), HttpStatus.OK);
        byte[] uint8 = new byte[IMAGES * 784];
        java.nio.ByteBuffer fp32 =
                java.nio.ByteBuffer.allocate(IMAGES * 784 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int e = 0; e < IMAGES; e++) {
            int[] pixels = pixels(e);
            for (int i = 0; i < 784; i++) {
                uint8[e * 784 + i] = (byte) pixels[i];
                fp32.putFloat(pixels[i] / 255f);
            }
        }
        for (String datatype : List.of("UINT8", "FP32")) {
            byte[] data = datatype.equals("UINT8") ? uint8 : fp32.array();
            String header = """
                    {"inputs": [{"name": "input", "datatype": "%s", "shape": [%d, 784],
                                 "parameters": {"binary_data_size": %d}}],
                     "outputs": [{"name": "probabilities", "parameters": {"binary_data": true}},
                                 {"name": "label", "parameters": {"binary_data": true}}]}""".formatted(datatype, IMAGES, data.length);
            var answer = binaryInfer(header, data, header.length())
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .returnResult(byte[].class);
            int headerLength =
                    Integer.parseInt(answer.getResponseHeaders().getFirst("Inference-Header-Content-Length"));
            byte[] body = answer.getResponseBody();
            JsonNode outputs = tools.jackson.databind.json.JsonMapper.shared()
                    .readTree(java.util.Arrays.copyOf(body, headerLength))
                    .get("outputs");
            assertThat(outputs.get(0).get("parameters").get("binary_data_size").asInt())
                    .isEqualTo(IMAGES * 10 * 4);
            assertThat(outputs.get(1).get("parameters").get("binary_data_size").asInt())
                    .isEqualTo(IMAGES * 8);
            assertThat(outputs.get(0).has("data")).isFalse();
            java.nio.ByteBuffer tensors = java.nio.ByteBuffer.wrap(body, headerLength, body.length - headerLength)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < IMAGES * 10; k++) {
                assertThat(tensors.getFloat())
                        .as("%s probability %d", datatype, k)
                        .isCloseTo(
                                output(json, "probabilities").get("data").get(k).floatValue(),
                                org.assertj.core.data.Offset.offset(1e-6f));
            }
            for (int e = 0; e < IMAGES; e++) {
                assertThat(tensors.getLong())
                        .as("%s label %d", datatype, e)
                        .isEqualTo(predicted.get(e).label());
            }
        }
    }

    @Test
    void binaryRequestsWithJsonOutputsAnswerJson() {
        byte[] data = new byte[784];
        String header = "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"UINT8\", \"shape\": [1, 784],"
                + " \"parameters\": {\"binary_data_size\": 784}}]}";
        binaryInfer(header, data, header.length())
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.outputs[1].data.length()")
                .isEqualTo(1);
    }

    private RestTestClient.ResponseSpec binaryInfer(String header, byte[] data, Object headerLength) {
        byte[] json = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOf(json, json.length + data.length);
        System.arraycopy(data, 0, body, json.length, data.length);
        return client.post()
                .uri("/v2/models/{id}/infer", modelId)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("Inference-Header-Content-Length", String.valueOf(headerLength))
                .body(body)
                .exchange();
    }

    private static Map<String, Object> input(String datatype, List<Integer> shape, Object data) {
        return Map.of("inputs", List.of(Map.of("name", "input", "datatype", datatype, "shape", shape, "data", data)));
    }

    private JsonNode infer(Object request, HttpStatus status) {
        return client.post()
                .uri("/v2/models/{id}/infer", modelId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    /** The model's version in the registry, as the protocol writes it. */
    private String version() {
        return String.valueOf(client.get()
                .uri("/api/v1/models/{id}", modelId)
                .exchange()
                .expectBody(dev.backprop.model.ModelInfo.class)
                .returnResult()
                .getResponseBody()
                .version());
    }

    private static JsonNode output(JsonNode response, String name) {
        for (JsonNode output : response.get("outputs")) {
            if (output.get("name").asString().equals(name)) {
                return output;
            }
        }
        throw new AssertionError("no output " + name + " in " + response);
    }

    private static int[] pixels(int example) {
        int[] pixels = new int[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = DIGITS[0][example * 784 + i] & 0xFF;
        }
        return pixels;
    }
}
