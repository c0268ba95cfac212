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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /v2/models/{name}/infer} over loopback as a serving client drives it: the service started in this
 * JVM, the seed network trained there briefly (accuracy does not change the arithmetic), then 16
 * connections each sending batches of 256 real test digits back to back, first as the Open Inference
 * Protocol's binary tensors (UINT8 in, binary outputs), then as JSON, for the same time each, each after
 * a warm-up that lasts until the rate is stable. The load comes from {@code wrk} when it is installed
 * ({@link WrkLoad}), otherwise from the JDK's HttpClient in this JVM, which then takes a good part of
 * the two cores itself; the row says which.
 */
final class InferenceThroughput {

    static final int CONNECTIONS = 16;
    static final int BATCH = 256;
    private static final int WINDOW_SECONDS = 5;
    private static final int WINDOWS = 16;
    private static final double STABLE = 0.05;
    private static final String SEED = """
            {"name": "bench-infer", "dataset": "mnist", "layers": [784, 30, 10], "learningRate": 3.0,
             "epochs": 1, "batchSize": 10, "trainLimit": 5000, "seed": 1}""";

    private InferenceThroughput() {}

    /** The table's row: binary and JSON images per second, and their ratio, against the goals. */
    static String row(Path mnistFolder, ExampleSet test, double seconds, PrintStream out) throws Exception {
        try (RunningService service = RunningService.start(Map.of(
                "backprop.storage.type", "memory",
                "backprop.datasets.dir", mnistFolder.getParent().toString(),
                "backprop.datasets.download", "false",
                "backprop.datasets.search-dirs", "",
                "logging.level.root", "warn"))) {
            BackpropClient backprop = new BackpropClient(service.client());
            Job job = backprop.awaitFinished(backprop.submit(SEED).id(), Duration.ofMinutes(10));
            if (job.status() != JobStatus.SUCCEEDED) {
                throw new IllegalStateException("the seed network did not train: " + job.status());
            }
            URI uri = URI.create("http://127.0.0.1:" + service.port() + "/v2/models/bench-infer/infer");
            Post binary = binaryPost(test);
            Post json = jsonPost(test);
            Optional<WrkLoad> wrk = WrkLoad.find();
            String client = wrk.map(WrkLoad::describe).orElse("the JDK's HttpClient in this JVM: wrk is not installed");
            warm(wrk, uri, binary, "binary", out);
            double binaryRate = drive(wrk, uri, binary, seconds);
            warm(wrk, uri, json, "JSON", out);
            double jsonRate = drive(wrk, uri, json, seconds);
            out.printf(
                    Locale.ROOT,
                    "%ninfer over loopback, %d connections, batches of %d, load from %s: binary %,.0f images/s,"
                            + " JSON %,.0f images/s%n",
                    CONNECTIONS,
                    BATCH,
                    client,
                    binaryRate,
                    jsonRate);
            return String.format(
                    Locale.ROOT,
                    "| /v2 infer over loopback, binary UINT8, batches of %d, %d connections (%s) | %,.0f images/s"
                            + " (%.1f× JSON's %,.0f) | | | %s | ≥ 300,000 and ≥ 5× JSON | | | |",
                    BATCH,
                    CONNECTIONS,
                    client,
                    binaryRate,
                    binaryRate / jsonRate,
                    jsonRate,
                    binaryRate >= 300_000 && binaryRate >= 5 * jsonRate ? "met" : "NOT met");
        }
    }

    /** A request body and its headers, sent the same by either client. */
    private record Post(byte[] body, Map<String, String> headers) {
        HttpRequest to(URI uri) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri);
            headers.forEach(request::header);
            return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }
    }

    /**
     * Load, untimed, until two windows in a row agree within 5% (at most {@value #WINDOWS}
     * windows of {@value #WINDOW_SECONDS} s), as Triton's perf_analyzer waits for stable windows: the
     * service's JIT took a minute of load to settle (binary 980 requests/s in its second 8 s and 2,150–2,380
     * from its sixth on, one service on this machine), so a fixed 5 s of warm-up measured the JIT.
     */
    private static void warm(Optional<WrkLoad> wrk, URI uri, Post post, String kind, PrintStream out) throws Exception {
        StringJoiner rates = new StringJoiner(", ");
        double previous = 0;
        for (int window = 0; window < WINDOWS; window++) {
            double rate = drive(wrk, uri, post, WINDOW_SECONDS);
            rates.add(String.format(Locale.ROOT, "%,.0f", rate));
            if (previous > 0 && Math.abs(rate - previous) <= STABLE * previous) {
                break;
            }
            previous = rate;
        }
        out.printf(Locale.ROOT, "%s warm-up windows of %d s, images/s: %s%n", kind, WINDOW_SECONDS, rates);
    }

    private static double drive(Optional<WrkLoad> wrk, URI uri, Post post, double seconds) throws Exception {
        if (wrk.isPresent()) {
            return BATCH * wrk.get().requestsPerSecond(uri, post.body(), post.headers(), CONNECTIONS, seconds);
        }
        return drive(post.to(uri), seconds);
    }

    /** Images per second answered with 200 over {@code seconds}, from {@link #CONNECTIONS} clients at once. */
    private static double drive(HttpRequest request, double seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(CONNECTIONS))
                .build();
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        AtomicLong answered = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + (long) (seconds * 1e9);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < deadline) {
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("infer answered " + response.statusCode() + ": "
                                + new String(response.body(), StandardCharsets.UTF_8));
                    }
                    answered.addAndGet(BATCH);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        double took = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        return answered.get() / took;
    }

    private static Post binaryPost(ExampleSet test) {
        byte[] pixels = new byte[BATCH * 784];
        for (int e = 0; e < BATCH; e++) {
            for (int i = 0; i < 784; i++) {
                pixels[e * 784 + i] = (byte) test.pixel(e % test.count(), i);
            }
        }
        byte[] header = ("{\"inputs\": [{\"name\": \"input\", \"datatype\": \"UINT8\", \"shape\": [" + BATCH
                        + ", 784], \"parameters\": {\"binary_data_size\": " + pixels.length + "}}],"
                        + " \"outputs\": [{\"name\": \"probabilities\", \"parameters\": {\"binary_data\": true}},"
                        + " {\"name\": \"label\", \"parameters\": {\"binary_data\": true}}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOf(header, header.length + pixels.length);
        System.arraycopy(pixels, 0, body, header.length, pixels.length);
        return new Post(
                body,
                Map.of(
                        "Content-Type",
                        "application/octet-stream",
                        "Inference-Header-Content-Length",
                        Integer.toString(header.length)));
    }

    private static Post jsonPost(ExampleSet test) {
        StringJoiner data = new StringJoiner(",", "[", "]");
        for (int e = 0; e < BATCH; e++) {
            for (int i = 0; i < 784; i++) {
                data.add(Integer.toString(test.pixel(e % test.count(), i)));
            }
        }
        String body = "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"UINT8\", \"shape\": [" + BATCH
                + ", 784], \"data\": " + data + "}]}";
        return new Post(body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
    }
}
