package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests a careless or hostile client sends, against the packaged jar: pages of other origins
 * changing state, mistyped and unknown fields, methods the container refuses. Each is a 4xx
 * problem+json that says what is wrong, and the service carries on.
 */
class HostileRequestsIT {

    private static final String ALLOWED = "https://dashboard.example.org";

    @TempDir
    static Path work;

    private static ServiceProcess service;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.onSyntheticDigits(work, 1000, 200, "backprop.security.allowed-origins=" + ALLOWED);
        http = new Http(service.port());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        service.close();
    }

    @AfterEach
    void stillServing() throws Exception {
        assertThat(http.get("/actuator/health").body()).contains("\"UP\"");
    }

    @Test
    void aPageOfAnotherOriginCannotUploadOrCancelButTheServicesOwnAndAllowedOnesCan() throws Exception {
        byte[] form = Http.multipart("x", Map.of("trainImages", new byte[] {1}));
        Http.Answer upload = http.post(
                "/api/v1/datasets", "multipart/form-data; boundary=x", form, "Origin", "https://evil.example");
        assertThat(upload.status()).isEqualTo(403);
        assertThat(upload.type()).startsWith("application/problem+json");
        assertThat(upload.body()).contains("https://evil.example").contains("backprop.security.allowed-origins");

        String job = http.post("/api/v1/jobs", "{\"layers\": [784, 30, 10], \"epochs\": 100}")
                .json()
                .get("id")
                .asString();
        String cancel = "/api/v1/jobs/" + job + "/cancel";
        byte[] nothing = new byte[0];
        assertThat(http.post(cancel, "text/plain", nothing, "Origin", "https://evil.example")
                        .status())
                .isEqualTo(403);
        assertThat(http.post(cancel, "text/plain", nothing, "Sec-Fetch-Site", "cross-site")
                        .status())
                .isEqualTo(403);
        assertThat(http.post(cancel, "text/plain", nothing, "Origin", "null").status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/jobs/" + job).json().get("status").asString())
                .isNotEqualTo("CANCELLED");

        String own = "http://127.0.0.1:" + service.port();
        assertThat(http.post(cancel, "text/plain", nothing, "Origin", own, "Sec-Fetch-Site", "same-origin")
                        .status())
                .isEqualTo(200);
        String other = http.post("/api/v1/jobs", "{\"layers\": [784, 30, 10], \"epochs\": 100}")
                .json()
                .get("id")
                .asString();
        assertThat(http.post("/api/v1/jobs/" + other + "/cancel", "text/plain", nothing, "Origin", ALLOWED)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void corsAnswersOnlyTheAllowedOrigin() throws Exception {
        for (String origin : new String[] {"https://evil.example", ALLOWED}) {
            var preflight = java.net.http.HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/v1/jobs"))
                                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                    .header("Origin", origin)
                                    .header("Access-Control-Request-Method", "POST")
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(origin)
                    .isEqualTo(origin.equals(ALLOWED) ? java.util.Optional.of(ALLOWED) : java.util.Optional.empty());
        }
    }

    @Test
    void unknownTrainingFieldsAreA400NamingThemInJobsAndInASweepsBase() throws Exception {
        Http.Answer typo = http.post("/api/v1/jobs", "{\"layers\": [784, 30, 10], \"learningrate\": 0.5}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("errors").get(0).get("field").asString()).isEqualTo("learningrate");
        assertThat(typo.body()).contains("did you mean learningRate");
        Http.Answer mirrors = http.post(
                "/api/v1/jobs", "{\"layers\": [784, 30, 10], \"mirrors\": [\"http://x\"], \"url\": \"http://y\"}");
        assertThat(mirrors.status()).isEqualTo(400);
        assertThat(mirrors.body()).contains("mirrors");

        String sweep =
                "{\"base\": {\"layers\": [784, 30, 10], \"epochs\": 1, \"validationSize\": 200%s}, \"parameters\": {\"learningRate\":"
                        + " {\"choice\": [1, 2]}}, \"trials\": 2}";
        Http.Answer badBase = http.post("/api/v1/sweeps", sweep.formatted(", \"mirrors\": []"));
        assertThat(badBase.status()).isEqualTo(400);
        assertThat(badBase.json().get("errors").get(0).get("field").asString()).isEqualTo("base.mirrors");
        Http.Answer good = http.post("/api/v1/sweeps", sweep.formatted(""));
        assertThat(good.status()).as(good.body()).isBetween(200, 202);
    }

    @Test
    void traceAndOtherContainerRefusalsAreProblems() throws Exception {
        Http.Answer trace = http.method("TRACE", "/api/v1/jobs");
        assertThat(trace.status()).isEqualTo(405);
        assertThat(trace.type()).startsWith("application/problem+json");
        assertThat(trace.json().get("type").asString()).isEqualTo("/problems/method-not-allowed");

        Http.Answer huge = http.post(
                "/api/v1/jobs", "{\"layers\": [784, 30, 10], \"optimizer\": \"" + "x".repeat(1_000_000) + "\"}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(2000);
    }

    @Test
    void aJobStillAnswersNormallyAfterAllThat() throws Exception {
        String id = http.post("/api/v1/jobs", "{\"layers\": [784, 30, 10], \"epochs\": 1}")
                .json()
                .get("id")
                .asString();
        assertThat(http.awaitStatus(id, Duration.ofSeconds(90), "SUCCEEDED", "FAILED")
                        .get("status")
                        .asString())
                .isEqualTo("SUCCEEDED");
    }
}
