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
 * reads, and 220 that trickle request bodies a byte at a time. Neither holds up anyone else: other
 * event streams keep flowing, health and predictions keep answering, and a body too slow is a 408.
 */
class StalledClientsIT {

    @TempDir
    static Path work;

    private static ServiceProcess service;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.onSyntheticDigits(
                work, 2000, 200, "backprop.http.body-timeout=5s", "backprop.training.max-concurrent-jobs=2");
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
