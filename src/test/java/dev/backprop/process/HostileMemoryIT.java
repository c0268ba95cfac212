package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Requests that would take more memory than a 512 MB service has, against the packaged jar: each is
 * refused before it allocates, with a 4xx naming why, and afterwards health is UP, the stored model
 * predicts as before and nothing is left RUNNING.
 */
class HostileMemoryIT {

    @TempDir
    static Path work;

    private static ServiceProcess service;
    private static Http http;
    private static String modelId;
    private static String probe;
    private static String before;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.onSyntheticDigits(work, 5000, 500);
        http = new Http(service.port());
        modelId = http.trainSeedModel();
        StringBuilder pixels = new StringBuilder("{\"pixels\": [0");
        for (int k = 1; k < 784; k++) {
            pixels.append(',').append(k % 255);
        }
        probe = pixels.append("]}").toString();
        before = predict();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        service.close();
    }

    @AfterEach
    void stillServing() throws Exception {
        assertThat(http.get("/actuator/health").body()).contains("\"UP\"");
        assertThat(predict()).as("the stored model predicts as before").isEqualTo(before);
        for (JsonNode job : http.get("/api/v1/jobs").json()) {
            assertThat(job.get("status").asString()).isNotEqualTo("RUNNING");
        }
    }

    private static String predict() throws Exception {
        Http.Answer answer = http.post("/api/v1/models/" + modelId + "/predict", probe);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().get("probabilities").toString();
    }

    @Test
    void aJobWhoseBatchBuffersCannotFitIsRefusedNamingBatchSizeInsteadOfRunningOutOfMemory() throws Exception {
        Http.Answer answer = http.post(
                "/api/v1/jobs",
                "{\"layers\":[784,4000,10],\"epochs\":1,\"batchSize\":10000,\"batchNorm\":true,"
                        + "\"dropout\":0.5,\"trainLimit\":20000}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("batchSize");
        assertThat(answer.body()).contains("MB of memory").contains("-Xmx");
    }

    @Test
    void fourSixtyMegabytePredictBodiesOfZerosAtOnceAreRefusedWhileParsed() throws Exception {
        StringBuilder zeros = new StringBuilder(60_000_020).append("{\"pixels\": [0");
        while (zeros.length() < 60_000_000) {
            zeros.append(",0");
        }
        byte[] body = zeros.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
        List<Http.Answer> answers = all(4, () -> raw("/api/v1/models/" + modelId + "/predict", body));
        for (Http.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("pixels[784]").contains("expected 784 numbers");
        }
    }

    @Test
    void fourGzipUploadsDeclaringFourHundredThousandBlankImagesAreRefusedBeforeInflating() throws Exception {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("trainImages", blankImages(200_000));
        parts.put("trainLabels", blankLabels(200_000));
        parts.put("testImages", blankImages(200_000));
        parts.put("testLabels", blankLabels(200_000));
        byte[] body = Http.multipart("bomb", parts);
        assertThat(body.length).as("a small upload").isLessThan(1 << 20);
        List<Http.Answer> answers =
                all(4, () -> http.post("/api/v1/datasets", "multipart/form-data; boundary=bomb", body));
        for (Http.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("backprop.datasets.max-upload-memory");
        }
        assertThat(http.get("/api/v1/datasets").body()).doesNotContain("bomb");
    }

    /** A JSON POST sent whole over a plain socket, as a careless client does, and the answer's status and start. */
    private static Http.Answer raw(String path, byte[] body) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(60_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Http.Answer(status, "", answer);
        }
    }

    /** An IDX images file of {@code count} blank 28×28 images, gzipped: a few hundred kilobytes. */
    static byte[] blankImages(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(28);
            out.writeInt(28);
            byte[] image = new byte[784];
            for (int k = 0; k < count; k++) {
                out.write(image);
            }
        }
        return bytes.toByteArray();
    }

    static byte[] blankLabels(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            out.write(new byte[count]);
        }
        return bytes.toByteArray();
    }

    interface Call {
        Http.Answer call() throws Exception;
    }

    /** The same request {@code n} times at once. */
    static List<Http.Answer> all(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Http.Answer>> futures = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                futures.add(pool.submit(call::call));
            }
            List<Http.Answer> answers = new ArrayList<>();
            for (Future<Http.Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
