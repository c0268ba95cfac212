package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropClient;
import dev.backprop.RunningService;
import dev.backprop.dataset.IdxFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A sweep survives a restart of the service as jobs do: the new process takes it over and finishes it. */
class SweepRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path datasets;

    @TempDir
    Path storage;

    @BeforeAll
    static void writeDataset() throws IOException {
        IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 2000, 500);
    }

    private RunningService start(String node) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "backprop.storage.type",
                "disk",
                "backprop.storage.dir",
                storage.toString(),
                "backprop.datasets.dir",
                datasets.toString(),
                "backprop.datasets.download",
                "false",
                "backprop.cluster.node-name",
                node,
                // A stopped coordinator's lease runs out quickly, so the next process takes over at once.
                "backprop.cluster.lease",
                "2s"));
        return RunningService.start(properties);
    }

    @Test
    void aSweepInterruptedByARestartFinishesAfterIt() {
        String id;
        try (RunningService first = start("first")) {
            id = JSON.readTree(first.client()
                            .post()
                            .uri("/api/v1/sweeps")
                            .contentType(MediaType.APPLICATION_JSON)
                            .body("""
                                    {"base": {"layers": [784, 60, 10], "epochs": 4, "validationSize": 400, "seed": 2},
                                     "parameters": {"learningRate": {"choice": [0.5, 1, 2, 4]}},
                                     "strategy": "grid", "trials": 4, "seed": 1}""")
                            .exchange()
                            .expectStatus()
                            .isAccepted()
                            .expectBody(byte[].class)
                            .returnResult()
                            .getResponseBody())
                    .get("id")
                    .asString();
            await(first, id, s -> s.get("trials").size() >= 2, Duration.ofSeconds(60));
        }
        try (RunningService second = start("second")) {
            JsonNode sweep =
                    await(second, id, s -> s.get("status").asString().equals("SUCCEEDED"), Duration.ofSeconds(90));
            assertThat(sweep.get("worker").asString()).isEqualTo("second");
            assertThat(sweep.get("trials")).hasSize(4);
            double[] rates = new double[4];
            for (JsonNode trial : sweep.get("trials")) {
                rates[trial.get("index").asInt()] =
                        trial.get("parameters").get("learningRate").asDouble();
                assertThat(trial.get("jobId").asString()).isNotBlank();
            }
            // The grid, in order, each point once, across the restart.
            assertThat(rates).containsExactly(0.5, 1, 2, 4);
            assertThat(sweep.get("best").get("modelId").asString()).isNotBlank();
        }
    }

    private static JsonNode await(RunningService service, String id, Predicate<JsonNode> done, Duration timeout) {
        return new BackpropClient(service.client()).awaitRecord("/api/v1/sweeps/" + id, done, timeout);
    }
}
