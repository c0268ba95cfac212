package dev.backprop.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP to a service process, for the hostile-client suites: status and body, nothing interpreted. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Answer(int status, String type, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Duration.ofSeconds(30));
    }

    Answer post(String path, String json, String... headers) throws IOException, InterruptedException {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    Answer post(String path, String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int k = 0; k + 1 < headers.length; k += 2) {
            request.header(headers[k], headers[k + 1]);
        }
        return send(request, Duration.ofSeconds(120));
    }

    Answer method(String method, String path) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()),
                Duration.ofSeconds(30));
    }

    Answer send(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response =
                client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** A multipart/form-data body of these file parts. */
    static byte[] multipart(String boundary, Map<String, byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach((name, content) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                            + name + ".gz\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Trains the seed network for one epoch on the service's mnist and answers the model's id. */
    String trainSeedModel() throws Exception {
        String id = post("/api/v1/jobs", "{\"layers\": [784, 30, 10], \"epochs\": 1, \"seed\": 1}")
                .json()
                .get("id")
                .asString();
        return awaitStatus(id, Duration.ofSeconds(90), "SUCCEEDED")
                .get("modelId")
                .asString();
    }

    /** Waits until the job with this id has status in {@code statuses}; answers its record. */
    JsonNode awaitStatus(String id, Duration timeout, String... statuses) {
        List<String> wanted = List.of(statuses);
        return Awaitility.await("job " + id + " to reach " + String.join(" or ", statuses))
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get("/api/v1/jobs/" + id).json(),
                        job -> wanted.contains(job.get("status").asString()));
    }
}
