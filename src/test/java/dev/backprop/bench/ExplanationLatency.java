package dev.backprop.bench;

import dev.backprop.BackpropClient;
import dev.backprop.RunningService;
import dev.backprop.engine.ExampleSet;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Integrated gradients at 64 steps over HTTP on loopback, as a client sees it: the service started
 * in-process on the benchmark's MNIST, the seed and modern networks trained there for an epoch (their
 * accuracy does not change the arithmetic), then 100 requests on real test digits after 200 to warm up (the JIT, the HTTP stack);
 * the median of the 100.
 */
final class ExplanationLatency {

    private static final int WARM_UP = 200;
    private static final int TIMED = 100;

    private static final String SEED = """
            {"name": "bench-seed", "dataset": "mnist", "layers": [784, 30, 10], "learningRate": 3.0,
             "epochs": 1, "batchSize": 10, "seed": 1}""";
    private static final String MODERN = """
            {"name": "bench-modern", "dataset": "mnist", "layers": [784, 128, 64, 10], "hiddenActivation": "relu",
             "outputActivation": "softmax", "loss": "cross_entropy", "optimizer": "adam", "learningRate": 0.001,
             "epochs": 1, "batchSize": 64, "seed": 1}""";

    private ExplanationLatency() {}

    /** The table rows, one per network: median and 90th percentile milliseconds against the goal. */
    static List<String> rows(Path mnistFolder, ExampleSet test, PrintStream out) throws Exception {
        List<String> rows = new ArrayList<>();
        try (RunningService service = RunningService.start(Map.of(
                "backprop.storage.type", "memory",
                "backprop.datasets.dir", mnistFolder.getParent().toString(),
                "backprop.datasets.download", "false",
                "backprop.datasets.search-dirs", "",
                "logging.level.root", "warn"))) {
            BackpropClient backprop = new BackpropClient(service.client());
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String[] network :
                    new String[][] {{SEED, "seed [784,30,10]", "20"}, {MODERN, "modern [784,128,64,10]", "50"}}) {
                Job job = backprop.awaitFinished(backprop.submit(network[0]).id(), Duration.ofMinutes(10));
                if (job.status() != JobStatus.SUCCEEDED) {
                    throw new IllegalStateException(network[1] + " did not train: " + job.status());
                }
                URI uri = URI.create(
                        "http://127.0.0.1:" + service.port() + "/api/v1/models/" + job.modelId() + "/explain");
                double[] millis = new double[TIMED];
                for (int k = 0; k < WARM_UP + TIMED; k++) {
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body(test, k)))
                            .build();
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - started;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(
                                "/explain answered " + response.statusCode() + ": " + response.body());
                    }
                    if (k >= WARM_UP) {
                        millis[k - WARM_UP] = took / 1e6;
                    }
                }
                java.util.Arrays.sort(millis);
                out.printf(
                        Locale.ROOT,
                        "explain, %s: median %.2f ms, 90th percentile %.2f ms over %d requests%n",
                        network[1],
                        millis[TIMED / 2],
                        millis[TIMED * 9 / 10],
                        TIMED);
                rows.add(String.format(
                        Locale.ROOT,
                        "| explain over HTTP, integrated gradients 64 steps, %s | %.2f ms median (p90 %.2f) | | | | < %s ms | | | |",
                        network[1],
                        millis[TIMED / 2],
                        millis[TIMED * 9 / 10],
                        network[2]));
            }
        }
        return rows;
    }

    private static String body(ExampleSet test, int k) {
        StringJoiner pixels = new StringJoiner(",", "{\"steps\": 64, \"pixels\": [", "]}");
        int example = k % test.count();
        for (int i = 0; i < test.features(); i++) {
            pixels.add(Integer.toString(test.pixel(example, i)));
        }
        return pixels.toString();
    }
}
