package dev.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** 400 predictions from 16 threads at once while a job trains: every one answers, and quickly. */
@Tag("timed")
class PredictionsUnderTrainingTest extends ApiTestSupport {

    @Test
    void predictionsKeepAnsweringWhileAJobTrains() throws Exception {
        String model =
                awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60)).modelId();
        Job training = submit("{\"layers\": [784, 200, 10], \"epochs\": 300, \"seed\": 5}");
        while (get(training.id()).status() != JobStatus.RUNNING) {
            sleep(10);
        }
        String body = "{\"pixels\": [" + "0, ".repeat(300) + "255, ".repeat(100) + "0, ".repeat(383) + "0]}";
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .build();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/models/" + model + "/predict"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<long[]>> results = new ArrayList<>();
        for (int thread = 0; thread < 16; thread++) {
            results.add(clients.submit(() -> {
                long[] nanos = new long[25];
                for (int k = 0; k < nanos.length; k++) {
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    nanos[k] = System.nanoTime() - started;
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(response.body()).contains("\"label\"");
                }
                return nanos;
            }));
        }
        long[] all = new long[400];
        int next = 0;
        for (Future<long[]> result : results) {
            for (long nanos : result.get()) {
                all[next++] = nanos;
            }
        }
        clients.shutdown();
        assertThat(get(training.id()).status()).as("the job trained all along").isEqualTo(JobStatus.RUNNING);
        client.post()
                .uri("/api/v1/jobs/{id}/cancel", training.id())
                .exchange()
                .expectStatus()
                .isOk();

        Arrays.sort(all);
        double median = all[200] / 1e6;
        double p99 = all[396] / 1e6;
        System.out.printf(
                "400 predictions from 16 threads during training: median %.1f ms, p99 %.1f ms%n", median, p99);
        assertThat(next).isEqualTo(400);
        assertThat(p99).as("99th percentile latency in ms").isLessThan(1000);
    }
}
