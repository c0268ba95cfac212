package dev.backprop.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every response of the Open Inference Protocol endpoints against the objects its REST specification
 * (KServe's "V2 inference protocol", also Triton's) defines, field by field and type by type:
 * {@code $server_metadata_response}, {@code $model_metadata_response} with its {@code $metadata_tensor}s,
 * {@code $inference_response} with its {@code $response_output}s, and {@code $..._error_response}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenInferenceProtocolConformanceTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> DATATYPES = List.of(
            "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64",
            "BYTES");
    private String model;

    @BeforeAll
    void train() {
        Job job = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        model = job.modelId();
    }

    @Test
    void healthAnswersLiveAndReadyAsBooleans() {
        assertThat(get("/v2/health/live", 200).get("live").isBoolean()).isTrue();
        assertThat(get("/v2/health/ready", 200).get("ready").isBoolean()).isTrue();
    }

    @Test
    void serverMetadataHasNameVersionAndExtensions() {
        JsonNode metadata = get("/v2", 200);
        requireString(metadata, "name");
        requireString(metadata, "version");
        assertThat(metadata.get("extensions").isArray()).isTrue();
        metadata.get("extensions")
                .forEach(extension -> assertThat(extension.isString()).isTrue());
        assertThat(get("/v2/", 200)).as("with a trailing slash too").isEqualTo(metadata);
    }

    @Test
    void modelMetadataHasNameVersionsPlatformAndTypedTensors() {
        JsonNode metadata = get("/v2/models/" + model, 200);
        requireString(metadata, "name");
        requireString(metadata, "platform");
        assertThat(metadata.get("versions").isArray()).isTrue();
        metadata.get("versions")
                .forEach(version -> assertThat(version.isString()).isTrue());
        for (String side : List.of("inputs", "outputs")) {
            assertThat(metadata.get(side).isArray()).as(side).isTrue();
            assertThat(metadata.get(side)).isNotEmpty();
            metadata.get(side).forEach(OpenInferenceProtocolConformanceTest::requireMetadataTensor);
        }
    }

    @Test
    void anInferenceResponseNamesTheModelAndVersionEchoesTheIdAndHasTypedOutputs() {
        List<Integer> data = new ArrayList<>(Collections.nCopies(784, 0));
        Map<String, Object> request = Map.of(
                "id", "request-7",
                "parameters", Map.of("sequence_id", 3),
                "inputs",
                        List.of(Map.of(
                                "name",
                                "input",
                                "shape",
                                List.of(1, 784),
                                "datatype",
                                "UINT8",
                                "parameters",
                                Map.of(),
                                "data",
                                data)),
                "outputs", List.of(Map.of("name", "label", "parameters", Map.of())));
        JsonNode response = post("/v2/models/" + model + "/infer", request, 200);
        requireString(response, "model_name");
        requireString(response, "model_version");
        assertThat(response.get("id").asString()).isEqualTo("request-7");
        assertThat(response.get("outputs")).hasSize(1);
        JsonNode output = response.get("outputs").get(0);
        requireString(output, "name");
        assertThat(DATATYPES).contains(output.get("datatype").asString());
        assertThat(output.get("shape").isArray()).isTrue();
        output.get("shape")
                .forEach(dimension -> assertThat(dimension.isIntegralNumber()).isTrue());
        assertThat(output.get("data").isArray()).isTrue();
        long elements = 1;
        for (JsonNode dimension : output.get("shape")) {
            elements *= dimension.asLong();
        }
        assertThat(output.get("data")).hasSize((int) elements);
    }

    @Test
    void errorsAreAnErrorStringWithAClientStatus() {
        requireString(get("/v2/models/no-such-model", 404), "error");
        requireString(get("/v2/models/no-such-model/ready", 404), "error");
        requireString(post("/v2/models/" + model + "/infer", Map.of("inputs", List.of()), 400), "error");
    }

    private static void requireMetadataTensor(JsonNode tensor) {
        requireString(tensor, "name");
        assertThat(DATATYPES).contains(tensor.get("datatype").asString());
        assertThat(tensor.get("shape").isArray()).isTrue();
        tensor.get("shape")
                .forEach(dimension -> assertThat(dimension.isIntegralNumber()).isTrue());
    }

    private static void requireString(JsonNode object, String field) {
        assertThat(object.has(field)).as("%s has %s", object, field).isTrue();
        assertThat(object.get(field).isString())
                .as("%s.%s is a string", object, field)
                .isTrue();
        assertThat(object.get(field).asString()).isNotBlank();
    }

    private JsonNode get(String path, int status) {
        return JSON.readTree(client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
    }

    private JsonNode post(String path, Object body, int status) {
        return JSON.readTree(client.post()
                .uri(path)
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
