package dev.backprop.process;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Exchanges with the service through a validating proxy, each with the status it must have: a
 * violation (the proxy's 500) or any other status is written down, not thrown, so that one run reports
 * every disagreement between the document and the service at once.
 */
final class ContractWalk {

    record Exchange(String method, String path, int status, String body) {}

    /** The expected status meaning "whatever the service decides, short of a 5xx". */
    static final int ANY = -1;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String checked;
    private final String direct;
    final List<Exchange> exchanges = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    ContractWalk(int proxyPort, int servicePort) {
        this.checked = "http://127.0.0.1:" + proxyPort;
        this.direct = "http://127.0.0.1:" + servicePort;
    }

    JsonNode get(String path, int expected) throws Exception {
        return json(send("GET", path, null, null, expected, checked, null));
    }

    byte[] getDirect(String path) throws Exception {
        // Prism reads bodies as text, which mangles bytes: the bytes themselves come straight from the service.
        return client.send(
                        HttpRequest.newBuilder(URI.create(direct + path)).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    String events(String path) throws Exception {
        return send("GET", path, null, null, 200, checked, "text/event-stream").body();
    }

    JsonNode post(String path, String json, int expected) throws Exception {
        return json(send(
                "POST",
                path,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                "application/json",
                expected,
                checked,
                null));
    }

    /** Submits a training request and polls the job until it has succeeded (or two minutes passed). */
    JsonNode trained(String request) throws Exception {
        JsonNode job = post("/api/v1/jobs", request, 202);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!job.get("status").asString().equals("SUCCEEDED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            job = get("/api/v1/jobs/" + job.get("id").asString(), 200);
        }
        return job;
    }

    JsonNode put(String path, String json, int expected) throws Exception {
        return json(
                send("PUT", path, json.getBytes(StandardCharsets.UTF_8), "application/json", expected, checked, null));
    }

    /** Any method and JSON body (or none), any status but a 5xx: for calls whose outcome is not known. */
    int anyStatus(String method, String path, String json) throws Exception {
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return send(method, path, body, json == null ? null : "application/json", ANY, checked, null)
                .statusCode();
    }

    void delete(String path, int expected) throws Exception {
        send("DELETE", path, null, null, expected, checked, null);
    }

    /** Multipart through the proxy: only text parts survive it intact (it reads bodies as text). */
    JsonNode upload(String path, List<Part> parts, int expected) throws Exception {
        return multipart(path, parts, expected, checked);
    }

    /** Multipart with binary parts, straight to the service: what the proxy cannot carry. */
    JsonNode uploadDirect(String path, List<Part> parts, int expected) throws Exception {
        return multipart(path, parts, expected, direct);
    }

    record Part(String name, String filename, byte[] content) {}

    private JsonNode multipart(String path, List<Part> parts, int expected, String base) throws Exception {
        String boundary = UUID.randomUUID().toString();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Part part : parts) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                            + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"") + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return json(send(
                "POST", path, out.toByteArray(), "multipart/form-data; boundary=" + boundary, expected, base, null));
    }

    private HttpResponse<String> send(
            String method, String path, byte[] body, String contentType, int expected, String base, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (base.equals(checked)) {
            exchanges.add(new Exchange(method, path, response.statusCode(), response.body()));
        }
        if (response.body().contains(Prism.VIOLATIONS)) {
            problem(method + " " + path + ": " + response.body());
        } else if (expected == ANY ? response.statusCode() >= 500 : response.statusCode() != expected) {
            problem(method + " " + path + ": expected " + expected + ", got " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response;
    }

    private void problem(String description) {
        System.out.println("CONTRACT PROBLEM " + description);
        problems.add(description);
    }

    private static JsonNode json(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        return type.contains("json") && !response.body().isEmpty()
                ? Http.JSON.readTree(response.body())
                : Http.JSON.missingNode();
    }
}
