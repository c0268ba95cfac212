package dev.backprop.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ServiceApiTest extends ApiTestSupport {

    @Test
    void theOpenApiDocumentDescribesTheLoop() {
        client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/jobs'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/jobs'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/jobs/{id}'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/jobs/{id}/cancel'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/jobs/{id}/events'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/models'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/models/{id}'].delete")
                .exists()
                .jsonPath("$.paths['/api/v1/models/{id}/predict'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/models/{id}/predict/batch'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/datasets'].get")
                .exists()
                .jsonPath(
                        "$.paths['/api/v1/datasets'].post.requestBody.content['multipart/form-data'].schema.properties.trainImages.format")
                .isEqualTo("binary")
                .jsonPath(
                        "$.paths['/api/v1/datasets'].post.requestBody.content['multipart/form-data'].schema.properties.train.format")
                .isEqualTo("binary")
                .jsonPath("$.paths['/api/v1/datasets/{id}'].delete")
                .exists()
                .jsonPath("$.components.schemas.TrainingRequest.example")
                .exists()
                .jsonPath("$.components.schemas.TrainingRequest.properties.hiddenActivation.enum")
                .isArray()
                .jsonPath("$.components.schemas.Job.properties.status.enum")
                .isArray()
                .jsonPath(
                        "$.paths['/api/v1/models/{id}/predict'].post.responses['404'].content['application/problem+json']"
                                + ".schema['$ref']")
                .isEqualTo("#/components/schemas/Problem")
                .jsonPath("$.components.schemas.Problem.properties.type.format")
                .isEqualTo("uri-reference")
                .jsonPath("$.components.schemas.Problem.properties.errors.type")
                .isEqualTo("array")
                .jsonPath("$.paths['/api/v1/jobs/{id}'].get.responses['200']")
                .exists()
                .jsonPath("$.paths['/api/v1/models/{id}'].get.responses['200']")
                .exists()
                // What a strict validator and client generators need (ContractIT checks the traffic itself).
                .jsonPath("$.components.schemas.Job.properties.finishedAt.type")
                .value(type -> assertThat(type.toString()).contains("null"))
                .jsonPath("$.paths['/api/v1/models/{id}/predict'].post.requestBody.content['multipart/form-data']"
                        + ".schema.properties.file.format")
                .isEqualTo("binary")
                .jsonPath("$.paths['/api/v1/models/{id}/receptive-fields.png'].get.responses['404'].content"
                        + "['application/problem+json']")
                .exists()
                .jsonPath("$.paths['/api/v1/models/{id}/export'].get.responses['200'].content"
                        + "['application/octet-stream'].schema.format")
                .isEqualTo("binary")
                .jsonPath("$.paths['/api/v1/models/{name}/versions/{version}/predict'].post.operationId")
                .isEqualTo("predictVersion")
                .jsonPath("$.paths['/api/v1/jobs'].get.responses['200'].headers.Link")
                .exists()
                .jsonPath("$.paths['/api/v1/jobs/{id}/events'].get.responses['200'].content['text/event-stream']")
                .exists();
        String document = client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        // JSON first: Swagger UI and generators take the first body as the default one.
        assertThat(document)
                .containsPattern("\"/api/v1/models/\\{id}/predict\":\\{\"post\":\\{.*?\"requestBody\":"
                        + "\\{\"content\":\\{\"application/json\"");
    }

    /**
     * The Java client GeneratedJavaClientIT drives is generated at build time from a snapshot of the
     * document; it must be the live one (bar {@code servers}), or that client tests an old contract.
     * After changing an operation, refresh it from {@code /v3/api-docs} (docs/clients.md says how).
     */
    @Test
    void theSnapshotTheJavaClientIsGeneratedFromIsTheLiveDocument() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode live = (ObjectNode) json.readTree(client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        live.remove("servers");
        JsonNode snapshot = json.readTree(Files.readString(Path.of("src/test/resources/openapi/backprop-api.json")));
        assertThat(live).isEqualTo(snapshot);
    }

    @Test
    void swaggerUiIsServed() {
        client.get()
                .uri("/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML);
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void healthIsUpWithLivenessAndReadiness() {
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void listsTheBuiltInDatasetWithItsSizes() {
        client.get()
                .uri("/api/v1/datasets")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == 'mnist')].available")
                .isEqualTo(java.util.List.of(true))
                .jsonPath("$[?(@.id == 'mnist')].trainingSize")
                .isEqualTo(java.util.List.of(2000))
                .jsonPath("$[?(@.id == 'mnist')].testSize")
                .isEqualTo(java.util.List.of(500));
        client.get()
                .uri("/api/v1/datasets/{id}", "mnist")
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri("/api/v1/datasets/{id}", "cifar")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        client.get()
                .uri("/api/v1/nothing-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.delete()
                .uri("/api/v1/jobs")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void errorsNeverShowInternals() {
        String body = client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"layers\": [784, 30, 10], \"seed\": \"abc\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body)
                .doesNotContain("Exception")
                .doesNotContain("at dev.")
                .doesNotContain("tools.jackson")
                .contains("\"field\":\"seed\"");
    }
}
