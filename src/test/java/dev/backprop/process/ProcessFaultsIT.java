package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropClient;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The packaged service as a process, signalled and killed the way operating systems and container
 * runtimes do it: SIGTERM while a job trains, and {@code kill -9} while a job trains.
 */
class ProcessFaultsIT {

    private static final String LONG_JOB = "{\"layers\": [784, 200, 10], \"epochs\": 200, \"seed\": 3}";
    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(20, 8);

    @TempDir
    static Path datasets;

    @TempDir
    Path storage;

    @BeforeAll
    static void writeDataset() throws Exception {
        IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 5000, 500);
    }

    private ServiceProcess start() throws Exception {
        return ServiceProcess.start(
                storage.resolve("service.log"),
                "backprop.storage.type=disk",
                "backprop.storage.dir=" + storage,
                "backprop.datasets.dir=" + datasets,
                "backprop.datasets.download=false");
    }

    @Test
    void sigtermWhileAJobTrainsStopsTheServiceWithin30SecondsAndTheJobResumesLater() throws Exception {
        String id;
        double seconds;
        try (ServiceProcess service = start()) {
            id = submit(service.client(), LONG_JOB);
            awaitEpochs(service.client(), id, 1);
            seconds = service.terminate(Duration.ofSeconds(30));
        }
        System.out.printf("SIGTERM during training: the service exited in %.1f s%n", seconds);
        assertThat(storage.resolve("checkpoints").resolve(id + ".checkpoint")).isRegularFile();

        try (ServiceProcess service = start()) {
            Job resumed = awaitEpochs(service.client(), id, 2);
            assertThat(resumed.status()).isIn(JobStatus.RUNNING, JobStatus.SUCCEEDED);
            assertThat(resumed.resumedFromEpoch()).isPositive();
            service.client()
                    .post()
                    .uri("/api/v1/jobs/{id}/cancel", id)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void killDashNineWhileAJobTrainsLeavesStoredModelsExactlyAsTheyWere() throws Exception {
        String modelId;
        List<float[]> before;
        byte[] modelFile;
        String id;
        try (ServiceProcess service = start()) {
            Job trained = awaitFinished(
                    service.client(),
                    submit(service.client(), "{\"layers\": [784, 30, 10], \"epochs\": 2, \"seed\": 1}"));
            modelId = trained.modelId();
            before = probabilities(service.client(), modelId);
            modelFile = Files.readAllBytes(storage.resolve("models").resolve(modelId + ".model"));
            id = submit(service.client(), LONG_JOB);
            awaitEpochs(service.client(), id, 2);
            service.kill();
        }

        try (ServiceProcess service = start()) {
            assertThat(Files.readAllBytes(storage.resolve("models").resolve(modelId + ".model")))
                    .isEqualTo(modelFile);
            List<float[]> after = probabilities(service.client(), modelId);
            for (int k = 0; k < before.size(); k++) {
                assertThat(after.get(k)).isEqualTo(before.get(k));
            }
            Job job = get(service.client(), id);
            assertThat(job.status())
                    .as("not stuck RUNNING: queued again or training again")
                    .isIn(JobStatus.QUEUED, JobStatus.RUNNING);
            Job resumed = awaitEpochs(service.client(), id, job.epochs().size() + 1);
            assertThat(resumed.resumedFromEpoch()).isGreaterThanOrEqualTo(1);
            service.client()
                    .post()
                    .uri("/api/v1/jobs/{id}/cancel", id)
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(awaitFinished(service.client(), id).status()).isEqualTo(JobStatus.CANCELLED);
        }
    }

    @Test
    void aJobAcceptedJustBeforeKillDashNineIsStillThereAfterTheRestart() throws Exception {
        String id;
        try (ServiceProcess service = start()) {
            id = submit(service.client(), LONG_JOB);
            // The 202 means the record is stored: a crash right after it must not lose the job.
            service.kill();
        }
        try (ServiceProcess service = start()) {
            Job job = get(service.client(), id);
            assertThat(job.status()).isIn(JobStatus.QUEUED, JobStatus.RUNNING);
            service.client()
                    .post()
                    .uri("/api/v1/jobs/{id}/cancel", id)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    private static List<float[]> probabilities(RestTestClient client, String modelId) {
        BackpropClient backprop = new BackpropClient(client);
        List<float[]> all = new ArrayList<>();
        for (int e = 0; e < DIGITS[1].length; e++) {
            all.add(backprop.predict(modelId, IdxFiles.pixels(DIGITS, e)).probabilities());
        }
        return all;
    }

    private static String submit(RestTestClient client, String json) {
        return new BackpropClient(client).submit(json).id();
    }

    private static Job get(RestTestClient client, String id) {
        return new BackpropClient(client).get(id);
    }

    private static Job awaitEpochs(RestTestClient client, String id, int epochs) {
        return new BackpropClient(client).awaitEpochs(id, epochs, Duration.ofSeconds(90));
    }

    private static Job awaitFinished(RestTestClient client, String id) {
        return new BackpropClient(client).awaitFinished(id, Duration.ofSeconds(90));
    }
}
