package dev.backprop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropClient;
import dev.backprop.EventStream;
import dev.backprop.RunningService;
import dev.backprop.SharedStores;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import dev.backprop.model.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two replicas in one JVM sharing a real PostgreSQL database and a real S3 API (s3proxy): any replica
 * answers for any job and any model. The packaged jar as two processes, with kill -9, is
 * {@code TwoReplicasIT}.
 */
@Tag("timed")
class SharedModeTest {

    private static final String LONG_JOB = """
            {"name": "long", "layers": [784, 100, 10], "epochs": 500, "seed": 3}""";

    private static S3Proxy s3;
    private static RunningService first;
    private static RunningService second;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        String database = SharedStores.freshPostgresDatabase();
        s3 = SharedStores.startS3();
        // The AWS SDK's default chain reads these first; the jar processes get them as environment variables.
        System.setProperty("aws.accessKeyId", SharedStores.S3_ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SharedStores.S3_SECRET_KEY);
        Path datasets = Files.createTempDirectory("shared-datasets");
        IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 2000, 500);
        first = RunningService.start(properties("first", database, datasets));
        second = RunningService.start(properties("second", database, datasets));
    }

    private static Map<String, String> properties(String name, String database, Path datasets) throws IOException {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", database);
        properties.put("spring.datasource.username", SharedStores.USER);
        properties.put("spring.datasource.password", SharedStores.PASSWORD);
        properties.put("backprop.storage.s3.bucket", "shared-mode");
        properties.put("backprop.storage.s3.endpoint", SharedStores.endpoint(s3).toString());
        properties.put(
                "backprop.storage.dir",
                Files.createTempDirectory("replica-" + name).toString());
        properties.put("backprop.datasets.dir", datasets.toString());
        properties.put("backprop.datasets.search-dirs", "");
        properties.put("backprop.datasets.download", "false");
        properties.put("backprop.cluster.node-name", name);
        properties.put("backprop.cluster.lease", "3s");
        properties.put("backprop.training.threads-per-job", "1");
        return properties;
    }

    @AfterAll
    static void stop() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (s3 != null) {
            s3.stop();
        }
    }

    private static BackpropClient client(RunningService replica) {
        return new BackpropClient(replica.client());
    }

    @Test
    void jobsSubmittedToEitherAreEachTrainedOnceAndSpreadOverBoth() {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            ids.add(client(k % 2 == 0 ? first : second)
                    .submit("{\"layers\": [784, 20, 10], \"epochs\": 3, \"seed\": " + k + "}")
                    .id());
        }
        Map<String, Integer> perReplica = new HashMap<>();
        for (String id : ids) {
            Job job = client(second).awaitFinished(id, Duration.ofSeconds(120));
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(job.epochs()).extracting(e -> e.epoch()).containsExactly(1, 2, 3);
            perReplica.merge(job.worker(), 1, Integer::sum);
        }
        List<ModelInfo> models = List.of(first.client()
                .get()
                .uri("/api/v1/models")
                .exchange()
                .expectBody(ModelInfo[].class)
                .returnResult()
                .getResponseBody());
        assertThat(models.stream().map(ModelInfo::jobId).filter(ids::contains))
                .as("one model per job: none trained twice")
                .doesNotHaveDuplicates()
                .hasSize(ids.size());
        assertThat(perReplica.keySet()).as("jobs per replica: %s", perReplica).containsOnly("first", "second");
        System.out.println("Shared mode, 8 jobs submitted alternately: jobs per replica " + perReplica);
    }

    @Test
    void aModelTrainedOnOnePredictsIdenticallyOnTheOtherUntilItIsDeleted() throws InterruptedException {
        Job job = client(first)
                .awaitFinished(
                        client(first)
                                .submit("{\"layers\": [784, 20, 10], \"epochs\": 2, \"seed\": 42}")
                                .id(),
                        Duration.ofSeconds(60));
        byte[][] digits = IdxFiles.syntheticDigits(5, 9);
        for (int k = 0; k < 5; k++) {
            assertThat(client(second)
                            .predict(job.modelId(), IdxFiles.pixels(digits, k))
                            .probabilities())
                    .isEqualTo(client(first)
                            .predict(job.modelId(), IdxFiles.pixels(digits, k))
                            .probabilities());
        }
        first.client()
                .delete()
                .uri("/api/v1/models/{id}", job.modelId())
                .exchange()
                .expectStatus()
                .isNoContent();
        long deleted = System.nanoTime();
        while (predictStatus(second, job.modelId()) == 200) {
            assertThat(System.nanoTime() - deleted)
                    .as("stops answering within 2 s")
                    .isLessThan(2_000_000_000L);
            Thread.sleep(50);
        }
        assertThat(predictStatus(second, job.modelId())).isEqualTo(404);
    }

    private static int predictStatus(RunningService replica, String modelId) {
        return replica.client()
                .post()
                .uri("/api/v1/models/{id}/predict", modelId)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("pixels", new int[784]))
                .exchange()
                .returnResult()
                .getStatus()
                .value();
    }

    @Test
    void cancelSentToOneReplicaStopsTheJobTrainingOnTheOther() throws InterruptedException {
        Job job = client(first).submit(LONG_JOB);
        Job running = awaitRunning(first, job.id());
        RunningService elsewhere = "first".equals(running.worker()) ? second : first;
        long sent = System.nanoTime();
        client(elsewhere).cancel(job.id());
        Job cancelled = client(elsewhere).awaitFinished(job.id(), Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - sent) / 1e9;
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(seconds).as("cancel honoured within a second").isLessThan(1.0);
        System.out.printf(
                "Shared mode: cancel sent to one replica stopped the job on %s in %.3f s%n", running.worker(), seconds);
    }

    @Test
    void eventsReadFromOneReplicaFollowAJobTrainingOnTheOther() throws Exception {
        Job job = client(first).submit("{\"layers\": [784, 30, 10], \"epochs\": 4, \"seed\": 5}");
        Job running = awaitRunning(first, job.id());
        RunningService elsewhere = "first".equals(running.worker()) ? second : first;
        EventStream stream = EventStream.read(elsewhere.port(), "/api/v1/jobs/" + job.id() + "/events");
        List<String> events = stream.events();
        String lastData = stream.lastData();
        assertThat(events.stream().filter("epoch"::equals)).hasSize(4);
        assertThat(events.get(events.size() - 1)).isEqualTo("status");
        assertThat(lastData).contains("\"status\":\"SUCCEEDED\"").contains("\"worker\":\"" + running.worker() + "\"");
    }

    private static Job awaitRunning(RunningService replica, String id) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Job job = client(replica).get(id);
            if (job.status() == JobStatus.RUNNING) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " did not start");
    }
}
