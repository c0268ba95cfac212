package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.IdxFiles;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar on a PostgreSQL and an s3proxy of this test's own, which the test stops, restarts
 * and starts under it while it trains and serves: outages cost time, never work, and clients hear 503
 * with Retry-After, never 500 nor a hang. The figures go to the test output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreOutagesIT {

    private static final String JOB = "{\"layers\": [784, 100, 10], \"epochs\": %d, \"seed\": %d}";

    @TempDir
    static Path work;

    private static OwnPostgres postgres;
    private static RestartableS3 s3;
    private static ServiceProcess service;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        postgres = OwnPostgres.start();
        s3 = new RestartableS3();
        IdxFiles.writeSyntheticDataset(work.resolve("datasets").resolve("mnist"), 3000, 500);
        service = new Replica(work, "solo", s3.endpoint(), "outages", postgres.url())
                .start("backprop.storage.s3.timeout=15s");
        http = new Http(service.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void twentySimultaneousReadsNeitherFailTrainingNorAnswer500() throws Exception {
        String id = submit(6, 1);
        awaitEpochs(id, 1);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(20);
        long started = System.nanoTime();
        List<Future<?>> reads = new ArrayList<>();
        for (int reader = 0; reader < 20; reader++) {
            int which = reader;
            reads.add(readers.submit(() -> {
                for (int k = 0; k < 15; k++) {
                    Http.Answer answer = http.get(which % 4 == 0 ? "/api/v1/jobs" : "/api/v1/jobs/" + id);
                    statuses.merge(answer.status(), 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> read : reads) {
            read.get();
        }
        readers.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonNode job = awaitFinished(id);
        System.out.printf(
                "Read burst on PostgreSQL: 20 readers x 15 GETs in %.1f s, statuses %s; job %s%n",
                seconds, statuses, job.get("status").asString());
        assertThat(statuses).containsOnlyKeys(200);
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(2)
    void theDatabaseStoppedTwentySecondsDuringTrainingCostsTimeNotWork() throws Exception {
        String id = submit(10, 2);
        awaitEpochs(id, 2);
        postgres.stop();
        long stopped = System.nanoTime();
        try {
            Timed<Http.Answer> read = timed(() -> http.get("/api/v1/jobs/" + id));
            Timed<Http.Answer> submit = timed(() -> http.post("/api/v1/jobs", JOB.formatted(2, 9)));
            Timed<Http.Answer> readiness = timed(() -> http.get("/actuator/health/readiness"));
            Timed<Http.Answer> health = timed(() -> http.get("/actuator/health"));
            System.out.printf(
                    "PostgreSQL stopped: GET job %d in %.1f s, POST job %d in %.1f s, readiness %d in %.1f s,"
                            + " health %d in %.1f s%n",
                    read.value().status(),
                    read.seconds(),
                    submit.value().status(),
                    submit.seconds(),
                    readiness.value().status(),
                    readiness.seconds(),
                    health.value().status(),
                    health.seconds());
            for (Timed<Http.Answer> answer : List.of(read, submit)) {
                assertThat(answer.value().status()).isEqualTo(503);
                assertThat(answer.value().type()).startsWith("application/problem+json");
                assertThat(answer.value().body())
                        .doesNotContainIgnoringCase("sql")
                        .doesNotContain("Exception");
                assertThat(answer.seconds()).as("answered within a few seconds").isLessThan(8);
            }
            assertThat(readiness.value().status()).isEqualTo(503);
            assertThat(readiness.value().body()).contains("\"records\"");
            assertThat(readiness.seconds()).isLessThan(8);
            assertThat(health.seconds()).isLessThan(8);
            assertThat(retryAfter(id)).as("Retry-After on the 503").isPositive();
            Thread.sleep(Math.max(0, 20_000 - (System.nanoTime() - stopped) / 1_000_000));
        } finally {
            postgres.start(true);
        }
        long back = System.nanoTime();
        awaitStatus("/actuator/health/readiness", 200, Duration.ofSeconds(30));
        System.out.printf("PostgreSQL back: readiness UP again after %.1f s%n", (System.nanoTime() - back) / 1e9);
        assertTrainedOnceToTheEnd(awaitFinished(id), 10);
    }

    @Test
    @Order(3)
    void twoFastRestartsOfTheDatabaseDuringTrainingCostTimeNotWork() throws Exception {
        String id = submit(10, 3);
        awaitEpochs(id, 2);
        postgres.restart();
        awaitEpochs(id, 5);
        postgres.restart();
        assertTrainedOnceToTheEnd(awaitFinished(id), 10);
    }

    @Test
    @Order(4)
    void theSweepCoordinatorStillRunsAfterTheDatabaseWasAway() throws Exception {
        // The database went away under every loop above; a sweep submitted now must still be run.
        Http.Answer created = http.post("/api/v1/sweeps", """
                {"name": "after the outage", "base": {"layers": [784, 20, 10], "epochs": 2, "trainLimit": 500, "validationSize": 100},
                 "parameters": {"learningRate": {"choice": [0.05, 0.1]}},
                 "strategy": "grid", "trials": 2, "parallel": 2, "seed": 4}""");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String sweep = created.json().get("id").asString();
        Awaitility.await("sweep " + sweep + " to succeed")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> http.get("/api/v1/sweeps/" + sweep)
                                .json()
                                .get("status")
                                .asString(),
                        "SUCCEEDED"::equals);
    }

    @Test
    @Order(5)
    void theBucketAwayTenSecondsAsTheJobEndsCostsTimeNotWork() throws Exception {
        String id = submit(4, 5);
        String exported = awaitFinished(submit(1, 6)).get("modelId").asString();
        awaitEpochs(id, 3);
        s3.stop();
        long stopped = System.nanoTime();
        try {
            Timed<Http.Answer> export = timed(() -> http.get("/api/v1/models/" + exported + "/export?format=backprop"));
            Timed<Http.Answer> upload =
                    timed(() -> http.post("/api/v1/datasets", "multipart/form-data; boundary=b", dataset()));
            Timed<Http.Answer> readiness = timed(() -> http.get("/actuator/health/readiness"));
            System.out.printf(
                    "Bucket stopped: export %d in %.1f s, upload %d in %.1f s, readiness %d in %.1f s%n",
                    export.value().status(),
                    export.seconds(),
                    upload.value().status(),
                    upload.seconds(),
                    readiness.value().status(),
                    readiness.seconds());
            assertThat(upload.value().status()).as(upload.value().body()).isEqualTo(503);
            assertThat(upload.value().body()).contains("bucket").doesNotContain("Exception");
            assertThat(upload.seconds())
                    .as("answered within the bucket's timeout")
                    .isLessThan(20);
            assertThat(readiness.value().status()).isEqualTo(503);
            assertThat(readiness.value().body()).contains("\"bucket\"");
            assertThat(export.value().status()).as(export.value().body()).isIn(200, 503);
            Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - stopped) / 1_000_000));
        } finally {
            s3.start();
        }
        assertTrainedOnceToTheEnd(awaitFinished(id), 4);
        awaitStatus("/actuator/health/readiness", 200, Duration.ofSeconds(30));
    }

    /** A small dataset upload of synthetic digits. */
    private static byte[] dataset() {
        byte[][] train = IdxFiles.syntheticDigits(200, 7);
        byte[][] test = IdxFiles.syntheticDigits(50, 8);
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        parts.put("trainImages", IdxFiles.gzip(IdxFiles.images(train[0], 200, 28, 28)));
        parts.put("trainLabels", IdxFiles.gzip(IdxFiles.labels(train[1])));
        parts.put("testImages", IdxFiles.gzip(IdxFiles.images(test[0], 50, 28, 28)));
        parts.put("testLabels", IdxFiles.gzip(IdxFiles.labels(test[1])));
        return Http.multipart("b", parts);
    }

    private static void assertTrainedOnceToTheEnd(JsonNode job, int epochs) throws Exception {
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("epochs")
                        .valueStream()
                        .map(e -> e.get("epoch").asInt())
                        .toList())
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, epochs).boxed().toList());
        String log = Files.readString(work.resolve("solo.log"));
        assertThat(log.split("Job " + job.get("id").asString() + " started on ", -1).length - 1)
                .as("started once, resumed rather than started again")
                .isEqualTo(1);
        JsonNode models = http.get("/api/v1/models").json();
        assertThat(models.valueStream()
                        .filter(m ->
                                job.get("id").asString().equals(m.get("jobId").asString())))
                .as("one model for the job")
                .hasSize(1);
    }

    private static long retryAfter(String id) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/v1/jobs/" + id))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
    }

    private static String submit(int epochs, int seed) throws Exception {
        Http.Answer answer = http.post("/api/v1/jobs", JOB.formatted(epochs, seed));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("id").asString();
    }

    private static void awaitEpochs(String id, int epochs) {
        Awaitility.await("job " + id + " to reach epoch " + epochs)
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> http.get("/api/v1/jobs/" + id),
                        answer -> answer.status() == 200
                                && answer.json().get("epochs").size() >= epochs);
    }

    private static JsonNode awaitFinished(String id) {
        return Awaitility.await("job " + id + " to finish")
                .atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> readable(http.get("/api/v1/jobs/" + id)), StoreOutagesIT::finished)
                .json();
    }

    /** An answer while the stores may be away: the record, or a 503 that says to retry. */
    private static Http.Answer readable(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isIn(200, 503);
        return answer;
    }

    private static boolean finished(Http.Answer answer) {
        return answer.status() == 200
                && List.of("SUCCEEDED", "FAILED", "CANCELLED")
                        .contains(answer.json().get("status").asString());
    }

    private static void awaitStatus(String path, int status, Duration timeout) {
        Awaitility.await(path + " to answer " + status)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> http.get(path).status() == status);
    }

    private record Timed<T>(T value, double seconds) {}

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> Timed<T> timed(Call<T> call) throws Exception {
        long started = System.nanoTime();
        T value = call.call();
        return new Timed<>(value, (System.nanoTime() - started) / 1e9);
    }
}
