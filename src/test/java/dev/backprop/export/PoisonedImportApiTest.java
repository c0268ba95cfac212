package dev.backprop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.Network;
import dev.backprop.model.ModelFile;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.PictureParts;
import dev.backprop.model.StoredModel;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A native model file's metadata is advisory: the name it holds passes the registry's rules like a
 * typed one (or the import is a 400 that stores nothing) and the job it names is never taken over.
 */
class PoisonedImportApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Network NETWORK =
            Network.create(Architecture.of(784, 8, 10), Initializer.NORMAL, new Random(3));

    private static byte[] nativeFile(String name, String jobId) {
        ModelInfo info = new ModelInfo(
                UUID.randomUUID().toString(),
                name,
                jobId,
                "mnist",
                Instant.now(),
                NETWORK.architecture().sizes(),
                "sigmoid",
                "sigmoid",
                "quadratic",
                false,
                NETWORK.parameterCount(),
                null,
                null,
                1,
                1,
                ModelFile.VERSION);
        return new ModelFile(JSON).write(new StoredModel(info, NETWORK));
    }

    /** Imports {@code content}, named {@code name} when that is not null. */
    private RestTestClient.ResponseSpec importFile(String name, byte[] content) {
        return client.post()
                .uri(builder -> builder.path("/api/v1/models")
                        .queryParamIfPresent("name", java.util.Optional.ofNullable(name))
                        .build())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(PictureParts.files("poisoned.model", content).build())
                .exchange();
    }

    /**
     * Models no job trained: a job another test submitted may finish while one runs, but imports
     * happen only when a test makes them.
     */
    private int importedModelCount() {
        JsonNode models = JSON.readTree(client.get()
                .uri("/api/v1/models")
                .exchange()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
        int imported = 0;
        for (JsonNode model : models) {
            if (model.path("jobId").isNull() || model.path("jobId").isMissingNode()) {
                imported++;
            }
        }
        return imported;
    }

    private static JsonNode problem(RestTestClient.ResponseSpec answer, int status) {
        return JSON.readTree(answer.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {"over-long", "a/b", "x@prod", "9d8e7f6a-1b2c-4d3e-8f90-a1b2c3d4e5f6", "nul\u0000name"})
    void aNameInTheFileThatTheRegistryRefusesIsA400ThatStoresNothing(String embedded) {
        String name = embedded.equals("over-long") ? "n".repeat(201) : embedded;
        int before = importedModelCount();

        JsonNode problem = problem(importFile(null, nativeFile(name, null)), 400);

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(problem.get("detail").asString()).contains("the name the file holds");
        assertThat(importedModelCount()).isEqualTo(before);
    }

    @Test
    void aNameGivenWithTheImportReplacesTheFilesRefusedOne() {
        String name = "imported-" + UUID.randomUUID().toString().substring(0, 8);
        ModelInfo imported = importFile(name, nativeFile("n".repeat(201), null))
                .expectStatus()
                .isCreated()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody();
        assertThat(imported.name()).isEqualTo(name);
        assertThat(imported.version()).isEqualTo(1);
    }

    @Test
    void theJobNamedInTheFileIsNotTakenOver() {
        String job = submit(SMALL_JOB).id();
        ModelInfo imported = importFile(null, nativeFile("claims-a-job", job))
                .expectStatus()
                .isCreated()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody();
        assertThat(imported.jobId()).isNull();
        assertThat(imported.name()).isEqualTo("claims-a-job");
    }

    @Test
    void aTypedNameWithANulCharacterIsRefused() {
        JsonNode problem = problem(importFile("a\u0000b", nativeFile("fine", null)), 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(problem.get("detail").asString()).contains("U+0000");
    }
}
