package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Finding 2 of issue 21 on the embedded store, against the packaged jar: while a job trains, 1,000
 * clients follow its events and 100 read it at the same moment, five times each. Reads need no API key,
 * so they must not starve training: no 500, every read answered within a bound, the job SUCCEEDS and
 * every event stream ends with it. (Twenty readers on PostgreSQL: StoreOutagesIT.)
 */
class ReadBurstIT {

    private static final int SUBSCRIBERS = 1000;
    private static final int READERS = 100;
    private static final int READS_EACH = 5;

    @TempDir
    static Path work;

    private static ServiceProcess service;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.onSyntheticDigits(work, 3000, 500, "backprop.training.threads-per-job=1");
        http = new Http(service.port());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aThousandSubscribersAndAHundredSimultaneousReadersNeitherFailTrainingNorAnswer500() throws Exception {
        Http.Answer submitted = http.post("/api/v1/jobs", "{\"layers\": [784, 100, 10], \"epochs\": 10, \"seed\": 1}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().get("id").asString();
        http.awaitStatus(id, Duration.ofSeconds(60), "RUNNING");

        HttpClient streams = HttpClient.newHttpClient();
        Map<Integer, Integer> streamStatuses = new ConcurrentHashMap<>();
        List<CompletableFuture<HttpResponse<Void>>> subscribers = new ArrayList<>();
        CountDownLatch open = new CountDownLatch(SUBSCRIBERS);
        long opening = System.nanoTime();
        for (int k = 0; k < SUBSCRIBERS; k++) {
            subscribers.add(streams.sendAsync(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + service.port() + "/api/v1/jobs/" + id + "/events"))
                            .build(),
                    info -> {
                        streamStatuses.merge(info.statusCode(), 1, Integer::sum);
                        open.countDown();
                        return HttpResponse.BodySubscribers.discarding();
                    }));
        }

        assertThat(open.await(120, TimeUnit.SECONDS))
                .as("all event streams open")
                .isTrue();
        double openedIn = (System.nanoTime() - opening) / 1e9;

        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<Double> seconds = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Double> slowestByRound = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        CyclicBarrier together = new CyclicBarrier(READERS);
        List<Future<?>> reads = new ArrayList<>();
        for (int reader = 0; reader < READERS; reader++) {
            reads.add(readers.submit(() -> {
                for (int k = 0; k < READS_EACH; k++) {
                    together.await(60, TimeUnit.SECONDS);
                    long started = System.nanoTime();
                    Http.Answer answer = http.get("/api/v1/jobs/" + id);
                    double took = (System.nanoTime() - started) / 1e9;
                    seconds.add(took);
                    slowestByRound.merge(k + 1, took, Math::max);
                    statuses.merge(answer.status(), 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> read : reads) {
            read.get(5, TimeUnit.MINUTES);
        }
        readers.shutdown();

        JsonNode job = http.awaitStatus(id, Duration.ofSeconds(240), "SUCCEEDED", "FAILED", "CANCELLED");
        CompletableFuture.allOf(subscribers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        List<Double> sorted = seconds.stream().sorted().toList();
        double p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        System.out.printf(
                "Embedded store, %d event streams open (%s, in %.1f s) and %d readers x %d simultaneous GETs: statuses %s,"
                        + " median %.2f s, p99 %.2f s, slowest %.2f s (by round %s); job %s%n",
                SUBSCRIBERS,
                streamStatuses,
                openedIn,
                READERS,
                READS_EACH,
                statuses,
                sorted.get(sorted.size() / 2),
                p99,
                sorted.get(sorted.size() - 1),
                slowestByRound,
                job.get("status").asString());
        assertThat(statuses).as("no 500 and no other 5xx").containsOnlyKeys(200);
        assertThat(p99).as("p99 of the reads, in seconds").isLessThan(5);
        assertThat(streamStatuses).isEqualTo(Map.of(200, SUBSCRIBERS));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("epochs")).hasSize(10);
    }
}
