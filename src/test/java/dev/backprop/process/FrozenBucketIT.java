package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on an s3proxy behind a proxy that freezes: the bucket still accepts connections but
 * never answers, which costs a client more than a bucket that refuses. Requests that need the bucket
 * (an uncached model's prediction, an export) hear 503 with Retry-After within a few seconds, not after
 * the bucket's long timeout for uploads; readiness is DOWN while it is frozen and UP again after.
 */
class FrozenBucketIT {

    private static final String PIXELS =
            IntStream.range(0, 784).mapToObj(k -> k % 7 == 0 ? "0.9" : "0").collect(Collectors.joining(","));

    @TempDir
    static Path work;

    private static RestartableS3 s3;
    private static FreezableProxy bucket;
    private static ServiceProcess service;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        s3 = new RestartableS3();
        bucket = new FreezableProxy(s3.endpoint().getPort());
        dev.backprop.dataset.IdxFiles.writeSyntheticDataset(work.resolve("datasets/mnist"), 1000, 200);
        service = Replica.embedded(work, "store", bucket.endpoint(), "frozen")
                // One model loaded at a time: the first model trained is no longer in memory.
                .start("backprop.prediction.model-cache-size=1");
        http = new Http(service.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (bucket != null) {
            bucket.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aFrozenBucketCostsRequestsSecondsAndReadinessFollowsIt() throws Exception {
        String uncached = http.trainSeedModel();
        http.trainSeedModel(); // takes the cache's one place
        bucket.freeze();
        try {
            Timed predict =
                    timed(() -> http.post("/api/v1/models/" + uncached + "/predict", "{\"pixels\": [" + PIXELS + "]}"));
            Timed export = timed(() -> http.get("/api/v1/models/" + uncached + "/export?format=backprop"));
            Timed readiness = timed(() -> http.get("/actuator/health/readiness"));
            System.out.printf(
                    "Bucket frozen: uncached predict %d in %.1f s, export %d in %.1f s, readiness %d in %.1f s%n",
                    predict.answer().status(),
                    predict.seconds(),
                    export.answer().status(),
                    export.seconds(),
                    readiness.answer().status(),
                    readiness.seconds());
            for (Timed call : new Timed[] {predict, export}) {
                assertThat(call.answer().status()).as(call.answer().body()).isEqualTo(503);
                assertThat(call.answer().type()).startsWith("application/problem+json");
                assertThat(call.answer().body()).contains("bucket").doesNotContain("Exception");
                assertThat(call.seconds()).as("answered within a few seconds").isLessThan(8);
            }
            assertThat(retryAfter("/api/v1/models/" + uncached + "/export?format=backprop"))
                    .as("Retry-After on the 503")
                    .isPositive();
            assertThat(readiness.answer().status()).isEqualTo(503);
            assertThat(readiness.answer().body()).contains("\"bucket\"");
            assertThat(readiness.seconds())
                    .as("readiness answered within a few seconds")
                    .isLessThan(8);
        } finally {
            bucket.thaw();
        }
        long thawed = System.nanoTime();
        Awaitility.await("readiness UP after the bucket thawed")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> http.get("/actuator/health/readiness").status() == 200);
        System.out.printf("Bucket thawed: readiness UP after %.1f s%n", (System.nanoTime() - thawed) / 1e9);
        Http.Answer predicted = http.post("/api/v1/models/" + uncached + "/predict", "{\"pixels\": [" + PIXELS + "]}");
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
    }

    private static long retryAfter(String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
        return response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
    }

    private record Timed(Http.Answer answer, double seconds) {}

    private interface Call {
        Http.Answer call() throws Exception;
    }

    private static Timed timed(Call call) throws Exception {
        long started = System.nanoTime();
        Http.Answer answer = call.call();
        return new Timed(answer, (System.nanoTime() - started) / 1e9);
    }
}
