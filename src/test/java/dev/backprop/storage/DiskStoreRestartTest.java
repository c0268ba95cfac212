package dev.backprop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropClient;
import dev.backprop.RunningService;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.job.EpochMetrics;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.PredictionResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Stops and starts the real service on one storage folder, as a user restarting it would. */
class DiskStoreRestartTest {

    @TempDir
    static Path datasets;

    @TempDir
    Path storage;

    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(20, 5);

    @BeforeAll
    static void writeDataset() throws IOException {
        IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 2000, 500);
    }

    private RunningService start() {
        return RunningService.start(Map.of(
                "backprop.storage.type",
                "disk",
                "backprop.storage.dir",
                storage.toString(),
                "backprop.datasets.dir",
                datasets.toString(),
                "backprop.datasets.download",
                "false"));
    }

    @Test
    void theModelAndTheJobsRecordSurviveARestart() {
        Job job;
        List<PredictionResponse> before;
        try (RunningService service = start()) {
            job = awaitFinished(
                    service.client(), submit(service.client(), "{\"layers\": [784, 20, 10], \"epochs\": 2}"));
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            before = predictions(service.client(), job.modelId());
        }
        assertThat(storage.resolve("models").resolve(job.modelId() + ".model")).isRegularFile();

        try (RunningService service = start()) {
            List<ModelInfo> models = service.client()
                    .get()
                    .uri("/api/v1/models")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(new ParameterizedTypeReference<List<ModelInfo>>() {})
                    .returnResult()
                    .getResponseBody();
            assertThat(models).extracting(ModelInfo::id).containsExactly(job.modelId());
            List<PredictionResponse> after = predictions(service.client(), job.modelId());
            for (int k = 0; k < before.size(); k++) {
                assertThat(after.get(k).probabilities()).isEqualTo(before.get(k).probabilities());
            }
            Job restored = get(service.client(), job.id());
            assertThat(restored.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(restored.epochs()).isEqualTo(job.epochs());
            assertThat(restored.modelId()).isEqualTo(job.modelId());
        }
    }

    @Test
    void aJobRunningWhenTheProcessDiedStartsAgainAndAQueuedOneRuns() throws IOException {
        Job finished;
        try (RunningService service = start()) {
            finished = awaitFinished(
                    service.client(), submit(service.client(), "{\"layers\": [784, 20, 10], \"epochs\": 1}"));
        }
        // What a kill -9 of the first release before the first checkpoint left behind: one record still
        // RUNNING, one still QUEUED, as the JSON files it kept in jobs/; the next start imports them.
        Path jobs = Files.createDirectories(storage.resolve("jobs"));
        String record = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(finished);
        String unfinished = record.replace("\"modelId\":\"" + finished.modelId() + "\"", "\"modelId\":null");
        Files.writeString(
                jobs.resolve("crashed-running.json"),
                unfinished.replace(finished.id(), "crashed-running").replace("\"SUCCEEDED\"", "\"RUNNING\""));
        Files.writeString(
                jobs.resolve("crashed-queued.json"),
                unfinished.replace(finished.id(), "crashed-queued").replace("\"SUCCEEDED\"", "\"QUEUED\""));

        try (RunningService service = start()) {
            Job running = awaitFinished(service.client(), "crashed-running");
            assertThat(running.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(running.resumedFromEpoch())
                    .as("no checkpoint: it started over")
                    .isZero();
            assertThat(running.epochs()).hasSize(1);
            Job requeued = awaitFinished(service.client(), "crashed-queued");
            assertThat(requeued.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(requeued.resumedFromEpoch()).isNull();
            assertThat(requeued.modelId()).isNotNull();
        }
        assertThat(jobs.resolve("imported").resolve("crashed-running.json")).isRegularFile();
    }

    @Test
    void aJobStoppedMidTrainingResumesFromItsCheckpointAndEndsWithTheUninterruptedWeights() throws IOException {
        String request = "{\"layers\": [784, 60, 10], \"epochs\": 25, \"seed\": 11}";
        String id;
        try (RunningService service = start()) {
            id = submit(service.client(), request);
            while (get(service.client(), id).epochs().size() < 3) {
                sleep(10);
            }
        }
        assertThat(storage.resolve("checkpoints").resolve(id + ".checkpoint")).isRegularFile();

        try (RunningService service = start()) {
            Job resumed = awaitFinished(service.client(), id);
            assertThat(resumed.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(resumed.resumedFromEpoch()).isGreaterThanOrEqualTo(3);
            assertThat(resumed.epochs())
                    .extracting(EpochMetrics::epoch)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 25)
                            .boxed()
                            .toList());
            assertThat(storage.resolve("checkpoints").resolve(id + ".checkpoint"))
                    .doesNotExist();

            Job uninterrupted = awaitFinished(service.client(), submit(service.client(), request));
            List<PredictionResponse> fromResumed = predictions(service.client(), resumed.modelId());
            List<PredictionResponse> fromUninterrupted = predictions(service.client(), uninterrupted.modelId());
            for (int k = 0; k < fromResumed.size(); k++) {
                assertThat(fromResumed.get(k).probabilities())
                        .isEqualTo(fromUninterrupted.get(k).probabilities());
            }
            assertThat(resumed.epochs().get(24).testAccuracy())
                    .isEqualTo(uninterrupted.epochs().get(24).testAccuracy());
        }
    }

    @Test
    void aCorruptModelFileIsSetAsideAndTheServiceStarts() throws IOException {
        String good;
        String broken;
        try (RunningService service = start()) {
            good = awaitFinished(
                            service.client(), submit(service.client(), "{\"layers\": [784, 20, 10], \"epochs\": 1}"))
                    .modelId();
            broken = awaitFinished(
                            service.client(), submit(service.client(), "{\"layers\": [784, 20, 10], \"epochs\": 1}"))
                    .modelId();
        }
        Path file = storage.resolve("models").resolve(broken + ".model");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        try (RunningService service = start()) {
            service.client()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk();
            service.client()
                    .get()
                    .uri("/api/v1/models/{id}", good)
                    .exchange()
                    .expectStatus()
                    .isOk();
            service.client()
                    .get()
                    .uri("/api/v1/models/{id}", broken)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
        assertThat(storage.resolve("models").resolve("corrupt").resolve(broken + ".model"))
                .isRegularFile();
    }

    private static List<PredictionResponse> predictions(RestTestClient client, String modelId) {
        BackpropClient backprop = new BackpropClient(client);
        List<PredictionResponse> predictions = new ArrayList<>();
        for (int e = 0; e < 20; e++) {
            predictions.add(backprop.predict(modelId, IdxFiles.pixels(DIGITS, e)));
        }
        return predictions;
    }

    private static String submit(RestTestClient client, String json) {
        return new BackpropClient(client).submit(json).id();
    }

    private static Job get(RestTestClient client, String id) {
        return new BackpropClient(client).get(id);
    }

    private static Job awaitFinished(RestTestClient client, String id) {
        return new BackpropClient(client).awaitFinished(id, Duration.ofSeconds(60));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
