package dev.backprop.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Names PostgreSQL cannot store (U+0000, control characters, broken UTF-16) are a 400 naming the field
 * on every database, before anything is stored; H2 alone would take them and PostgreSQL fail later, at
 * the end of a job or in a sweep's coordinator. And a huge value is never echoed back whole.
 */
class StorableNamesApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JOB = "{\"layers\": [784, 10, 10], \"epochs\": 1}";
    private static final String SWEEP = "{\"base\": {\"layers\": [784, 10, 10], \"epochs\": 1},"
            + " \"parameters\": {\"learningRate\": {\"choice\": [1.0, 2.0]}}, \"trials\": 2}";

    private JsonNode refused(String path, ObjectNode body) {
        return refused(path, JSON.writeValueAsString(body));
    }

    private JsonNode refused(String path, String body) {
        byte[] answer = client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.length).as("the problem's size").isLessThan(20_000);
        return JSON.readTree(answer);
    }

    private static String fields(JsonNode problem) {
        StringBuilder fields = new StringBuilder();
        problem.get("errors")
                .forEach(error -> fields.append(error.get("field").asString()).append(' '));
        return fields.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/jobs, name, name",
        "/api/v1/jobs, modelName, modelName",
        "/api/v1/jobs, dataset, dataset",
        "/api/v1/sweeps, name, name",
        "/api/v1/sweeps, base.name, base.name"
    })
    void aNameWithANulCharacterIsA400NamingTheField(String path, String field, String reported) {
        ObjectNode body = (ObjectNode) JSON.readTree(path.endsWith("jobs") ? JOB : SWEEP);
        ObjectNode target = field.startsWith("base.") ? (ObjectNode) body.get("base") : body;
        target.put(field.replace("base.", ""), "nul\u0000inside");

        JsonNode problem = refused(path, body);

        assertThat(fields(problem)).contains(reported);
        assertThat(problem.get("detail").asString()).contains("U+0000");
    }

    @ParameterizedTest
    @CsvSource({"name", "dataset"})
    void anUnpairedSurrogateOrAControlCharacterIsRefusedToo(String field) {
        // Escaped in the JSON text: a lone surrogate cannot travel as UTF-8 bytes.
        String value = field.equals("name") ? "broken \\ud800 text" : "line\\nbreak";
        String body = "{\"layers\": [784, 10, 10], \"epochs\": 1, \"" + field + "\": \"" + value + "\"}";
        assertThat(fields(refused("/api/v1/jobs", body))).contains(field);
    }

    @ParameterizedTest
    @CsvSource({"name", "dataset", "modelName"})
    void aTenMegabyteValueIsNotEchoedBack(String field) {
        ObjectNode body = (ObjectNode) JSON.readTree(JOB);
        body.put(field, "d".repeat(10_000_000));
        assertThat(fields(refused("/api/v1/jobs", body))).contains(field);
    }
}
