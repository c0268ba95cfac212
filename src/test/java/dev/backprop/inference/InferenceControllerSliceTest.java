package dev.backprop.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import dev.backprop.model.ModelRegistry;
import dev.backprop.model.ModelStore;
import dev.backprop.model.PredictionProperties;
import dev.backprop.model.TinyModels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Open Inference Protocol's refusals, each in the protocol's own {@code {"error": "…"}} shape. */
@WebSlice(InferenceController.class)
@Import(ApplicationAvailabilityBean.class)
@EnableConfigurationProperties(PredictionProperties.class)
class InferenceControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    ModelStore models;

    /** For the versioned paths' filter; it knows no versions. */
    @MockitoBean
    ModelRegistry registry;

    @BeforeEach
    void oneModel() {
        given(models.find("m")).willReturn(Optional.of(TinyModels.of("m", 784, 4, 10)));
    }

    private static Map<String, Object> input(String datatype, List<Integer> shape, Object data) {
        return Map.of("inputs", List.of(Map.of("name", "input", "datatype", datatype, "shape", shape, "data", data)));
    }

    private void assertError(RequestBuilder request, int status, String message) throws Exception {
        String answer = mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        JsonNode body = json.readTree(answer);
        assertThat(body.propertyNames()).containsExactly("error");
        assertThat(body.get("error").asString()).contains(message);
    }

    private void refuse(Object request, String message) throws Exception {
        assertError(
                post("/v2/models/m/infer", MediaType.APPLICATION_JSON, json.writeValueAsString(request)), 400, message);
    }

    private static RequestBuilder post(String uri, MediaType type, String body) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri)
                .contentType(type)
                .content(body);
    }

    @Test
    void badTensorsAre400WithTheProtocolsErrorObject() throws Exception {
        refuse(Map.of("inputs", List.of()), "inputs: give one input tensor");
        refuse(input("INT32", List.of(1, 784), new int[784]), "'INT32' is not supported");
        refuse(input("UINT8", List.of(1, 28, 27), new int[756]), "expected [N, 784] or [N, 28, 28]");
        refuse(input("UINT8", List.of(2, 784), new int[784]), "has 784 elements; shape [2, 784] needs 1568");
        refuse(input("UINT8", List.of(0, 784), new int[0]), "N must be between 1 and");
        int[] tooBright = new int[784];
        tooBright[3] = 256;
        refuse(input("UINT8", List.of(1, 784), tooBright), "inputs[0].data[3]: 256.0 is not a UINT8");
        refuse(input("FP32", List.of(1, 784), tooBright), "is outside 0–1");
        List<Object> withText = new ArrayList<>(Collections.nCopies(784, 0));
        withText.set(5, "x");
        refuse(input("UINT8", List.of(1, 784), withText), "inputs[0].data: element 5 is a string");
        Map<String, Object> unknownOutput = new HashMap<>(input("UINT8", List.of(1, 784), new int[784]));
        unknownOutput.put("outputs", List.of(Map.of("name", "logits")));
        refuse(unknownOutput, "'logits' is not an output of this model");
    }

    @Test
    void malformedRequestsAreTheProtocolsErrorsToo() throws Exception {
        assertError(post("/v2/models/m/infer", MediaType.APPLICATION_JSON, "{\"inputs\": ["), 400, "not valid JSON");
        assertError(
                post("/v2/models/m/infer", MediaType.APPLICATION_JSON, "{\"inputs\": [{\"shape\": \"big\"}]}"),
                400,
                "inputs[0].shape: has the wrong type");
        assertError(
                post("/v2/models/m/infer", MediaType.APPLICATION_OCTET_STREAM, "\u0000\u0001"),
                415,
                "application/json");
        assertError(get("/v2/models/m/infer"), 405, "use POST");
        assertError(get("/v2/models/m/versions/1"), 404, "has no version 1");
        assertError(get("/v2/nothing"), 404, "no such endpoint: GET /v2/nothing");
    }

    @Test
    void anUnknownModelIs404InTheProtocolsShape() throws Exception {
        assertError(get("/v2/models/nope"), 404, "no model 'nope'");
        assertError(get("/v2/models/nope/ready"), 404, "no model 'nope'");
        assertError(
                post(
                        "/v2/models/nope/infer",
                        MediaType.APPLICATION_JSON,
                        json.writeValueAsString(input("UINT8", List.of(1, 784), new int[784]))),
                404,
                "no model 'nope'");
    }

    private RequestBuilder binaryInfer(String header, byte[] data, Object headerLength) {
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(head, head.length + data.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/v2/models/m/infer")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("Inference-Header-Content-Length", String.valueOf(headerLength))
                .content(body);
    }

    @Test
    void malformedBinaryRequestsAre400WithTheProtocolsErrorObject() throws Exception {
        byte[] data = new byte[784];
        String header = "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"UINT8\", \"shape\": [1, 784],"
                + " \"parameters\": {\"binary_data_size\": 784}}]}";
        assertError(binaryInfer(header, data, "twelve"), 400, "'twelve' is not a number of bytes");
        assertError(binaryInfer(header, data, 100_000), 400, "do not fit a body of");
        assertError(binaryInfer(header, data, -5), 400, "do not fit a body of");
        assertError(binaryInfer(header, data, header.length() - 3), 400, "is not a valid inference request");
        assertError(binaryInfer(header, new byte[700], header.length()), 400, "not the 784 that");
        String wrongSize = header.replace("784}", "700}");
        assertError(binaryInfer(wrongSize, data, wrongSize.length()), 400, "binary_data_size: 700 bytes");
    }
}
