package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that stall, against the packaged jar: one that pipelines 60 event subscriptions and never
 * reads, three sweep-event clients that never read, and 220 that trickle request bodies a byte at a
 * time. None holds up anyone else: other event streams keep flowing, health and predictions keep
 * answering, and a body too slow is a 408.
 */
class StalledClientsIT {

    @TempDir
    static Path work;

    private static ServiceProcess service;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.onSyntheticDigits(
                work,
                2000,
                200,
                "backprop.http.body-timeout=5s",
                "backprop.training.max-concurrent-jobs=2",
                // Event pollers look for changes every 50 ms, so a sweep's stream carries many.
                "backprop.cluster.poll-interval=50ms");
        http = new Http(service.port());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        service.close();
    }

    @Test
    void sixtyPipelinedSubscriptionsThatAreNeverReadDoNotFreezeAnotherJobsEvents() throws Exception {
        // A finished job of 400 epochs: each subscription is answered with 400 epoch events at once.
        String finished = http.post(
                        "/api/v1/jobs",
                        "{\"layers\": [784, 10, 10], \"epochs\": 400, \"trainLimit\": 50," + " \"seed\": 2}")
                .json()
                .get("id")
                .asString();
        http.awaitStatus(finished, Duration.ofSeconds(120), "SUCCEEDED");
        String running = http.post("/api/v1/jobs", "{\"layers\": [784, 100, 10], \"epochs\": 1000, \"seed\": 3}")
                .json()
                .get("id")
                .asString();
        http.awaitStatus(running, Duration.ofSeconds(60), "RUNNING");
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", service.port()));
            OutputStream out = stalled.getOutputStream();
            for (int k = 0; k < 60; k++) {
                out.write(("GET /api/v1/jobs/" + finished + "/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            Thread.sleep(2000); // long enough for the server to fill this socket and block writing to it

            long started = System.nanoTime();
            List<String> events = new ArrayList<>();
            try (Socket reader = new Socket("127.0.0.1", service.port())) {
                reader.setSoTimeout(20_000);
                reader.getOutputStream()
                        .write(("GET /api/v1/jobs/" + running + "/events HTTP/1.1\r\nHost: localhost" + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8));
                // Its finished epochs, then its status, then progress as it trains: three of those.
                int afterStatus = -1;
                for (String line = lines.readLine(); line != null && afterStatus < 3; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        events.add(line);
                        afterStatus = line.equals("event:status") ? 0 : afterStatus < 0 ? -1 : afterStatus + 1;
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Beside a stalled client: %d events of another job in %.1f s%n", events.size(), seconds);
            assertThat(events).contains("event:status");
            assertThat(seconds)
                    .as("events keep flowing beside the stalled client")
                    .isLessThan(10);
        } finally {
            http.post("/api/v1/jobs/" + running + "/cancel", "");
        }
        assertThat(http.get("/actuator/health").body()).contains("\"UP\"");
    }

    @Test
    void sweepEventClientsThatNeverReadDoNotHoldUpAnotherClientsSweepStream() throws Exception {
        // 100 trials of 20 epochs, polled every 50 ms: the record grows to some 25 kB and changes many
        // times a second, so each stalled socket holds megabytes unread within seconds. Written on the
        // thread that finds the changes (the tree before EventStreams), the reading client's stream
        // stopped for 20.1 s, the write timeouts of the stalled clients; by writers of their own, its
        // largest gap was 0.13 s.
        Http.Answer created = http.post("/api/v1/sweeps", """
                {"name": "stalled", "base": {"layers": [784, 10, 10], "epochs": 20, "trainLimit": 100,
                 "validationSize": 20}, "parameters": {"learningRate": {"uniform": [0.01, 1.0]}},
                 "strategy": "random", "trials": 100, "parallel": 2, "seed": 5}""");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String sweep = created.json().get("id").asString();
        String subscribe = "GET /api/v1/sweeps/" + sweep + "/events HTTP/1.1\r\nHost: localhost\r\n\r\n";
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int k = 0; k < 3; k++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(1024);
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", service.port()));
                socket.getOutputStream().write(subscribe.getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }
            double largestGap = 0;
            int events = 0;
            try (Socket reader = new Socket("127.0.0.1", service.port())) {
                reader.setSoTimeout(60_000);
                reader.getOutputStream().write(subscribe.getBytes(StandardCharsets.US_ASCII));
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8));
                long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                long last = System.nanoTime();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    assertThat(System.nanoTime())
                            .as("the sweep finished within 4 minutes")
                            .isLessThan(deadline);
                    if (line.equals("event:sweep")) {
                        long now = System.nanoTime();
                        largestGap = events == 0 ? 0 : Math.max(largestGap, (now - last) / 1e9);
                        last = now;
                        events++;
                    }
                }
            }
            System.out.printf(
                    "Beside three stalled sweep clients: %d events of the sweep, largest gap %.2f s%n",
                    events, largestGap);
            assertThat(http.get("/api/v1/sweeps/" + sweep).json().get("status").asString())
                    .isEqualTo("SUCCEEDED");
            assertThat(events).as("the sweep's changes, one event each").isGreaterThan(20);
            assertThat(largestGap)
                    .as("the reading client's stream kept flowing beside the stalled ones")
                    .isLessThan(5);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void twoHundredTwentyTrickledBodiesLeaveHealthAnsweringAndEachGetsA408() throws Exception {
        List<Socket> tricklers = new ArrayList<>();
        try {
            for (int k = 0; k < 220; k++) {
                Socket socket = new Socket("127.0.0.1", service.port());
                socket.getOutputStream()
                        .write(("POST /api/v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                                        + "application/json\r\nContent-Length: 2000\r\n\r\n{")
                                .getBytes(StandardCharsets.US_ASCII));
                tricklers.add(socket);
            }
            double slowest = 0;
            for (int round = 0; round < 4; round++) {
                for (Socket socket : tricklers) {
                    socket.getOutputStream().write(' ');
                }
                long started = System.nanoTime();
                Http.Answer health = http.send(
                        java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + service.port() + "/actuator/health")),
                        Duration.ofSeconds(4));
                slowest = Math.max(slowest, (System.nanoTime() - started) / 1e9);
                assertThat(health.status()).isEqualTo(200);
                Thread.sleep(1000);
            }
            System.out.printf("Under 220 trickled bodies: health answered within %.2f s%n", slowest);
            Socket first = tricklers.get(0);
            first.setSoTimeout(10_000);
            String status = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).as("the body did not arrive within 5 s").contains(" 408");
        } finally {
            for (Socket socket : tricklers) {
                socket.close();
            }
        }
    }
}
