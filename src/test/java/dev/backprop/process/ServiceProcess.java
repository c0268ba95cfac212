package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The packaged service running as an operating-system process, as users run it, for tests that signal or kill it. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final RestTestClient client;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build();
    }

    /**
     * Starts the jar on {@code work}: its store there, and an offline {@code mnist} of {@code training}
     * and {@code test} synthetic digits, plus any other {@code properties}.
     */
    static ServiceProcess onSyntheticDigits(Path work, int training, int test, String... properties)
            throws IOException, InterruptedException {
        dev.backprop.dataset.IdxFiles.writeSyntheticDataset(work.resolve("datasets/mnist"), training, test);
        List<String> all = new ArrayList<>(List.of(
                "backprop.storage.dir=" + work.resolve("store"),
                "backprop.datasets.dir=" + work.resolve("datasets"),
                "backprop.datasets.download=false"));
        all.addAll(List.of(properties));
        return start(work.resolve("service.log"), all.toArray(String[]::new));
    }

    /**
     * What a test's service runs with unless the test says otherwise: no kernel warm-up, and one thread a
     * job. Both only spend CPU that the tests' own jobs and the other test fork need: the two test forks
     * keep both cores busy, so a second training thread waits for a core (or spins for one) and the
     * choice between one and two is timed on a machine that is never quiet. No jar-level test is about
     * either; the engine's tests and the speed check are.
     */
    private static final List<String> TEST_DEFAULTS =
            List.of("backprop.training.warm-up=false", "backprop.training.threads-per-job=1");

    /**
     * Starts the packaged jar's classes (extracted, with a class-data archive: {@link JarLaunch}) and waits
     * until health is UP, with the {@link #TEST_DEFAULTS} unless the test sets those properties itself.
     */
    static ServiceProcess start(Path log, String... properties) throws IOException, InterruptedException {
        return start(log, java.util.Map.of(), properties);
    }

    /** The same, with these environment variables added to the process's. */
    static ServiceProcess start(Path log, java.util.Map<String, String> environment, String... properties)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(properties));
        for (String fallback : TEST_DEFAULTS) {
            String key = fallback.substring(0, fallback.indexOf('=') + 1);
            if (all.stream().noneMatch(property -> property.startsWith(key))) {
                all.add(fallback); // a key given twice on the command line would read as "a,b"
            }
        }
        return start(JarLaunch.extracted(jar()), log, environment, all);
    }

    /** {@code java -jar} on the packaged jar with nothing added, exactly as users run it. */
    static ServiceProcess startPackaged(Path log, String... properties) throws IOException, InterruptedException {
        return start(JarLaunch.packaged(jar()), log, java.util.Map.of(), List.of(properties));
    }

    private static Path jar() {
        String jar = System.getProperty("backprop.jar");
        assertThat(jar).as("the failsafe plugin names the packaged jar").isNotNull();
        return Path.of(jar);
    }

    private static ServiceProcess start(
            List<String> java, Path log, java.util.Map<String, String> environment, List<String> properties)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(java);
        command.add("--server.port=" + port);
        for (String property : properties) {
            command.add("--" + property);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServiceProcess service = new ServiceProcess(process, port);
        try {
            service.awaitHealthy(Duration.ofSeconds(120), log);
        } catch (AssertionError | IOException | InterruptedException e) {
            // Not left running (and training) behind the tests that follow.
            process.destroyForcibly();
            throw e;
        }
        return service;
    }

    private void awaitHealthy(Duration timeout, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive())
                    .as("the service exited; its log:%n%s", Files.readString(log))
                    .isTrue();
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not become healthy within " + timeout);
    }

    int port() {
        return port;
    }

    RestTestClient client() {
        return client;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as {@code docker stop} and systemd send; returns the seconds it took to exit. */
    double terminate(Duration patience) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exited).as("exited within %s of SIGTERM", patience).isTrue();
        return (System.nanoTime() - started) / 1e9;
    }

    /** SIGKILL: no shutdown hooks, no last writes. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
