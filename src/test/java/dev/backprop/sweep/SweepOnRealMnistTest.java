package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropClient;
import dev.backprop.RunningService;
import dev.backprop.dataset.RealMnist;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sweep on the real MNIST: 16 random trials over the learning rate (log scale), the hidden
 * size and the batch size, stopped by ASHA. It finishes, stops at least half of the trials early, and its
 * best trial's validation accuracy beats that of the base request trained as it is.
 */
class SweepOnRealMnistTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = """
            {"layers": [784, 100, 10], "hiddenActivation": "relu", "outputActivation": "softmax",
             "loss": "cross_entropy", "optimizer": "adam", "learningRate": 0.01, "init": "he", "batchSize": 64,
             "epochs": 6, "trainLimit": 20000, "validationSize": 5000, "seed": 1}""";

    @Test
    void aRandomSweepWithAshaBeatsItsBaseAndStopsMostTrialsEarly() {
        RealMnist.assumePresent();
        try (RunningService service = RunningService.start(Map.of(
                "backprop.storage.type", "memory",
                "backprop.datasets.dir", RealMnist.datasetsDir().toString(),
                "backprop.datasets.download", "false",
                "backprop.training.max-concurrent-jobs", "2"))) {
            BackpropClient backprop = new BackpropClient(service.client());
            long started = System.nanoTime();
            String id = JSON.readTree(service.client()
                            .post()
                            .uri("/api/v1/sweeps")
                            .contentType(MediaType.APPLICATION_JSON)
                            .body("{\"name\": \"real mnist\", \"base\": " + BASE + ", \"parameters\": {"
                                    + "\"learningRate\": {\"logUniform\": [0.0001, 0.03]},"
                                    + " \"layers[1]\": {\"intUniform\": [32, 256]},"
                                    + " \"batchSize\": {\"choice\": [32, 64, 128]}},"
                                    + " \"strategy\": \"random\", \"trials\": 16, \"parallel\": 2,"
                                    + " \"earlyStopping\": {\"type\": \"asha\", \"minEpochs\": 1, \"reductionFactor\": 3},"
                                    + " \"seed\": 4}")
                            .exchange()
                            .expectStatus()
                            .isAccepted()
                            .expectBody(byte[].class)
                            .returnResult()
                            .getResponseBody())
                    .get("id")
                    .asString();
            JsonNode sweep = await(service, id, Duration.ofMinutes(8));
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(sweep.get("status").asString()).isEqualTo("SUCCEEDED");
            int stopped = 0;
            for (JsonNode trial : sweep.get("trials")) {
                stopped += trial.get("status").asString().equals("STOPPED") ? 1 : 0;
            }
            Job base = backprop.awaitFinished(backprop.submit(BASE).id(), Duration.ofMinutes(3));
            assertThat(base.status()).isEqualTo(JobStatus.SUCCEEDED);
            double baseAccuracy = base.epochs().get(base.epochs().size() - 1).validationAccuracy();
            JsonNode best = sweep.get("best");
            System.out.printf(
                    "Sweep of 16 trials on MNIST: %.0f s, %d stopped early, %d of %d epochs trained (%d saved); best"
                            + " validation accuracy %.4f (test %.4f) with %s; the base request's own %.4f%n",
                    seconds,
                    stopped,
                    sweep.get("epochsTrained").asInt(),
                    sweep.get("epochsBudget").asInt(),
                    sweep.get("epochsSaved").asInt(),
                    best.get("objective").asDouble(),
                    best.get("testAccuracy").asDouble(),
                    best.get("parameters"),
                    baseAccuracy);
            assertThat(stopped).isGreaterThanOrEqualTo(8);
            assertThat(best.get("objective").asDouble()).isGreaterThan(baseAccuracy);
        }
    }

    private static JsonNode await(RunningService service, String id, Duration timeout) {
        return new BackpropClient(service.client())
                .awaitRecord(
                        "/api/v1/sweeps/" + id,
                        sweep -> !List.of("QUEUED", "RUNNING")
                                .contains(sweep.get("status").asString()),
                        timeout);
    }
}
