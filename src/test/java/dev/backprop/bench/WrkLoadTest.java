package dev.backprop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The speed check's load generator against a server that counts what it gets. */
class WrkLoadTest {

    private HttpServer server;

    private WrkLoad wrk() {
        var found = WrkLoad.find();
        if (System.getenv("CI") == null) {
            assumeTrue(found.isPresent(), "skipped: wrk is not installed (Debian's package wrk)");
        }
        assertThat(found).as("wrk, which .ci/run installs").isPresent();
        return found.get();
    }

    private URI serve(int status, AtomicLong requests, AtomicLong wrongBodies, int bodyLength) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/infer", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean right = body.length == bodyLength
                    && "7".equals(exchange.getRequestHeaders().getFirst("Inference-Header-Content-Length"));
            (right ? requests : wrongBodies).incrementAndGet();
            exchange.sendResponseHeaders(status, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/infer");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsTheBodyAndHeadersBackToBackAndCountsTheAnswers() throws Exception {
        WrkLoad wrk = wrk();
        AtomicLong requests = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        byte[] body = new byte[10_000];
        body[9_999] = 42;
        URI uri = serve(200, requests, wrong, body.length);

        double rate = wrk.requestsPerSecond(uri, body, Map.of("Inference-Header-Content-Length", "7"), 4, 1);

        assertThat(wrong.get()).isZero();
        assertThat(rate).isPositive();
        // wrk's count and the server's agree, but for the requests still in flight when it stopped
        assertThat((double) requests.get()).isBetween(rate * 0.5, rate * 2 + 8);
    }

    @Test
    void answersThatAreNot2xxFailTheRun() throws Exception {
        WrkLoad wrk = wrk();
        URI uri = serve(503, new AtomicLong(), new AtomicLong(), 3);

        assertThatThrownBy(() -> wrk.requestsPerSecond(uri, new byte[3], Map.of(), 2, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("were not 2xx");
    }
}
