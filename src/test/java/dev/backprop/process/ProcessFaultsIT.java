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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The packaged service as a process, signalled and killed the way operating systems and container
 * runtimes do it: SIGTERM while a job trains, and {@code kill -9} while a job trains. Each test takes
 * over the service the one before left running, and its store (starting one on a new store if there is
 * none): every test still stops or kills a service and starts it again, but the jar starts four times
 * instead of six. Each test looks only at its own jobs and models.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessFaultsIT {

    private static final String LONG_JOB = "{\"layers\": [784, 200, 10], \"epochs\": 200, \"seed\": 3}";
    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(20, 8);

    @TempDir
    static Path datasets;

    @TempDir
    static Path storage;

    private static ServiceProcess service;
    private static Path store;
    private static int stores;

    @BeforeAll
    static void writeDataset() throws Exception {
        IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 5000, 500);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    /**
     * The service the test before left running, or a new one on a new store if it left none: a store
     * that a failed test left half made never fails the tests after it.
     */
    private static ServiceProcess running() throws Exception {
        if (service == null || !service.alive()) {
            store = Files.createDirectories(storage.resolve("store-" + ++stores));
            service = start();
        }
        return service;
    }

    /** A new service on the same store, once the test has stopped or killed the one it had. */
    private static ServiceProcess restarted() throws Exception {
        service.close();
        service = start();
        return service;
    }

    private static ServiceProcess start() throws Exception {
        return ServiceProcess.start(
                storage.resolve("service.log"),
                "backprop.storage.type=disk",
                "backprop.storage.dir=" + store,
                "backprop.datasets.dir=" + datasets,
                "backprop.datasets.download=false");
    }

    @Test
    @Order(1)
    void sigtermWhileAJobTrainsStopsTheServiceWithin30SecondsAndTheJobResumesLater() throws Exception {
        ServiceProcess first = running();
        String id = submit(first.client(), LONG_JOB);
        awaitEpochs(first.client(), id, 1);
        double seconds = first.terminate(Duration.ofSeconds(30));
        System.out.printf("SIGTERM during training: the service exited in %.1f s%n", seconds);
        assertThat(store.resolve("checkpoints").resolve(id + ".checkpoint")).isRegularFile();

        ServiceProcess second = restarted();
        Job resumed = awaitEpochs(second.client(), id, 2);
        assertThat(resumed.status()).isIn(JobStatus.RUNNING, JobStatus.SUCCEEDED);
        assertThat(resumed.resumedFromEpoch()).isPositive();
        second.client()
                .post()
                .uri("/api/v1/jobs/{id}/cancel", id)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    @Order(2)
    void killDashNineWhileAJobTrainsLeavesStoredModelsExactlyAsTheyWere() throws Exception {
        ServiceProcess first = running();
        Job trained = awaitFinished(
                first.client(), submit(first.client(), "{\"layers\": [784, 30, 10], \"epochs\": 2, \"seed\": 1}"));
        String modelId = trained.modelId();
        List<float[]> before = probabilities(first.client(), modelId);
        byte[] modelFile = Files.readAllBytes(store.resolve("models").resolve(modelId + ".model"));
        String id = submit(first.client(), LONG_JOB);
        awaitEpochs(first.client(), id, 2);
        first.kill();

        ServiceProcess second = restarted();
        assertThat(Files.readAllBytes(store.resolve("models").resolve(modelId + ".model")))
                .isEqualTo(modelFile);
        List<float[]> after = probabilities(second.client(), modelId);
        for (int k = 0; k < before.size(); k++) {
            assertThat(after.get(k)).isEqualTo(before.get(k));
        }
        Job job = get(second.client(), id);
        assertThat(job.status())
                .as("not stuck RUNNING: queued again or training again")
                .isIn(JobStatus.QUEUED, JobStatus.RUNNING);
        Job resumed = awaitEpochs(second.client(), id, job.epochs().size() + 1);
        assertThat(resumed.resumedFromEpoch()).isGreaterThanOrEqualTo(1);
        second.client()
                .post()
                .uri("/api/v1/jobs/{id}/cancel", id)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(awaitFinished(second.client(), id).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    @Order(3)
    void aJobAcceptedJustBeforeKillDashNineIsStillThereAfterTheRestart() throws Exception {
        ServiceProcess first = running();
        String id = submit(first.client(), LONG_JOB);
        // The 202 means the record is stored: a crash right after it must not lose the job.
        first.kill();

        ServiceProcess second = restarted();
        Job job = get(second.client(), id);
        assertThat(job.status()).isIn(JobStatus.QUEUED, JobStatus.RUNNING);
        second.client()
                .post()
                .uri("/api/v1/jobs/{id}/cancel", id)
                .exchange()
                .expectStatus()
                .isOk();
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
