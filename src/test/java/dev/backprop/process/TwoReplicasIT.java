package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.BackpropClient;
import dev.backprop.EventStream;
import dev.backprop.SharedStores;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import dev.backprop.model.ModelInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as two processes on loopback, sharing one PostgreSQL database and one S3 bucket
 * (s3proxy in this JVM), behaving as one service. The figures go to the test output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {

    private static final String LEASE = "3s";
    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(10, 4);

    @TempDir
    static Path work;

    private static S3Proxy s3;
    private static ServiceProcess alpha;
    private static ServiceProcess beta;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        String database = SharedStores.freshPostgresDatabase();
        s3 = SharedStores.startS3();
        IdxFiles.writeSyntheticDataset(work.resolve("datasets").resolve("mnist"), 2000, 500);
        alpha = start("alpha", database);
        beta = start("beta", database);
    }

    private static ServiceProcess start(String name, String database) throws Exception {
        return new Replica(work, name, SharedStores.endpoint(s3), "replicas", database)
                .start("backprop.cluster.lease=" + LEASE);
    }

    private static Path log(String name) {
        return work.resolve(name + ".log");
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess replica : new ServiceProcess[] {alpha, beta}) {
            if (replica != null) {
                replica.close();
            }
        }
        if (s3 != null) {
            s3.stop();
        }
    }

    private static BackpropClient client(ServiceProcess replica) {
        return new BackpropClient(replica.client());
    }

    private static ServiceProcess other(String worker) {
        return "alpha".equals(worker) ? beta : alpha;
    }

    private static ServiceProcess named(String worker) {
        return "alpha".equals(worker) ? alpha : beta;
    }

    @Test
    @Order(1)
    void twentyJobsSubmittedAlternatelyAreEachTrainedExactlyOnceOnBothReplicas() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            ids.add(client(k % 2 == 0 ? alpha : beta)
                    .submit("{\"layers\": [784, 30, 10], \"epochs\": 4, \"trainLimit\": 1000, \"seed\": " + k + "}")
                    .id());
        }
        Map<String, Integer> perReplica = new TreeMap<>();
        for (String id : ids) {
            // Read from the replica it was not submitted to.
            Job job = client(ids.indexOf(id) % 2 == 0 ? beta : alpha).awaitFinished(id, Duration.ofSeconds(180));
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(job.epochs()).hasSize(4);
            perReplica.merge(job.worker(), 1, Integer::sum);
        }
        String logs = Files.readString(log("alpha")) + Files.readString(log("beta"));
        for (String id : ids) {
            assertThat(Pattern.compile("Job " + id + " started on ")
                            .matcher(logs)
                            .results()
                            .count())
                    .as("job %s trained exactly once", id)
                    .isEqualTo(1);
        }
        List<ModelInfo> models = List.of(alpha.client()
                .get()
                .uri("/api/v1/models")
                .exchange()
                .expectBody(ModelInfo[].class)
                .returnResult()
                .getResponseBody());
        assertThat(models.stream().map(ModelInfo::jobId).filter(ids::contains))
                .doesNotHaveDuplicates()
                .hasSize(20);
        System.out.println("Two replicas, 20 jobs submitted alternately: jobs trained per replica " + perReplica);
        assertThat(perReplica).containsOnlyKeys("alpha", "beta");
    }

    @Test
    @Order(2)
    void aModelTrainedOnOneReplicaPredictsIdenticallyOnTheOther() {
        Job job = client(alpha)
                .awaitFinished(
                        client(alpha)
                                .submit("{\"layers\": [784, 30, 10], \"epochs\": 2, \"seed\": 77}")
                                .id(),
                        Duration.ofSeconds(60));
        ServiceProcess trainer = named(job.worker());
        ServiceProcess elsewhere = other(job.worker());
        for (int k = 0; k < 10; k++) {
            assertThat(client(elsewhere)
                            .predict(job.modelId(), IdxFiles.pixels(DIGITS, k))
                            .probabilities())
                    .isEqualTo(client(trainer)
                            .predict(job.modelId(), IdxFiles.pixels(DIGITS, k))
                            .probabilities());
        }
    }

    @Test
    @Order(3)
    void cancelSentToOneReplicaStopsTheJobTrainingOnTheOther() throws Exception {
        Job job = client(alpha).submit("{\"layers\": [784, 100, 10], \"epochs\": 1000, \"seed\": 5}");
        Job running = awaitRunning(alpha, job.id());
        long sent = System.nanoTime();
        client(other(running.worker())).cancel(job.id());
        Job cancelled = client(other(running.worker())).awaitFinished(job.id(), Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - sent) / 1e9;
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        System.out.printf(
                "Two replicas: cancel sent to the other replica stopped the job on %s in %.3f s%n",
                running.worker(), seconds);
        assertThat(seconds).as("cancel honoured within a second").isLessThan(1.0);
    }

    @Test
    @Order(4)
    void eventsReadFromOneReplicaFollowAJobTrainingOnTheOther() throws Exception {
        Job job = client(beta).submit("{\"layers\": [784, 30, 10], \"epochs\": 5, \"seed\": 6}");
        Job running = awaitRunning(beta, job.id());
        ServiceProcess elsewhere = other(running.worker());
        EventStream stream = EventStream.read(elsewhere.port(), "/api/v1/jobs/" + job.id() + "/events");
        List<String> events = stream.events();
        String last = stream.lastData();
        assertThat(events.stream().filter("epoch"::equals)).hasSize(5);
        assertThat(last).contains("\"status\":\"SUCCEEDED\"");
    }

    @Test
    @Order(5)
    void killDashNineOfTheTrainingReplicaLetsTheOtherFinishTheJobFromItsCheckpoint() throws Exception {
        // Ten epochs: killed after the third, the job has seven left to resume; it is trained twice more below.
        String request = "{\"layers\": [784, 200, 10], \"epochs\": 10, \"seed\": 12}";
        Job job = client(alpha).submit(request);
        Job running = awaitRunning(alpha, job.id());
        ServiceProcess victim = named(running.worker());
        ServiceProcess survivor = other(running.worker());
        client(survivor).awaitEpochs(job.id(), 3, Duration.ofSeconds(60));
        victim.kill();
        long killed = System.nanoTime();
        client(survivor)
                .await(
                        job.id(),
                        Duration.ofSeconds(30),
                        resumed -> resumed.status() == JobStatus.RUNNING
                                && !running.worker().equals(resumed.worker()),
                        "resume on the other replica within the lease and a little");
        double seconds = (System.nanoTime() - killed) / 1e9;
        Job finished = client(survivor).awaitFinished(job.id(), Duration.ofSeconds(120));
        System.out.printf(
                "Two replicas: kill -9 of %s; %s resumed the job after epoch %d, %.1f s after the kill (lease %s)%n",
                running.worker(), finished.worker(), finished.resumedFromEpoch(), seconds, LEASE);
        assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
        // Killed after its third epoch was recorded: the last checkpoint is of that epoch or the one before.
        assertThat(finished.resumedFromEpoch()).as("from its checkpoint").isGreaterThanOrEqualTo(2);
        assertThat(finished.epochs())
                .extracting(e -> e.epoch())
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 10).boxed().toList());

        Job uninterrupted =
                client(survivor).awaitFinished(client(survivor).submit(request).id(), Duration.ofSeconds(120));
        for (int k = 0; k < 10; k++) {
            assertThat(client(survivor)
                            .predict(finished.modelId(), IdxFiles.pixels(DIGITS, k))
                            .probabilities())
                    .as("the resumed model equals an uninterrupted run's")
                    .isEqualTo(client(survivor)
                            .predict(uninterrupted.modelId(), IdxFiles.pixels(DIGITS, k))
                            .probabilities());
        }
    }

    private static Job awaitRunning(ServiceProcess replica, String id) {
        return client(replica).await(id, Duration.ofSeconds(60), job -> job.status() == JobStatus.RUNNING, "start");
    }
}
