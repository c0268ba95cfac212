package dev.backprop.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import dev.backprop.model.PredictionResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A walk through every class of bad input, sent as raw HTTP to the running service: each must be a 4xx
 * {@code application/problem+json} that names what is wrong and shows nothing of the server's insides.
 * Afterwards the service is healthy and a model stored before the walk answers exactly as before.
 */
class BadInputWalkTest extends ApiTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    record Bad(String what, String method, String path, String contentType, String body, int status, String mentions) {}

    @Test
    void everyClassOfBadInputGetsAPreciseProblemAndNothingIsHarmed() throws Exception {
        Job job = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        String model = job.modelId();
        PredictionResponse before = predict(model);

        String predict = "/api/v1/models/" + model + "/predict";
        String batch = "/api/v1/models/" + model + "/predict/batch";
        String json = "application/json";
        List<Bad> walk = new ArrayList<>(List.of(
                new Bad(
                        "malformed JSON",
                        "POST",
                        "/api/v1/jobs",
                        json,
                        "{\"layers\": [784, 30,",
                        400,
                        "not valid JSON"),
                new Bad("malformed JSON to predict", "POST", predict, json, "{pixels: [", 400, "not valid JSON"),
                new Bad("empty body", "POST", "/api/v1/jobs", json, "", 400, "body"),
                new Bad("empty body to predict", "POST", predict, json, "", 400, "body"),
                new Bad("array instead of object", "POST", "/api/v1/jobs", json, "[784, 30, 10]", 400, "JSON object"),
                new Bad("array instead of object to predict", "POST", predict, json, "[1, 2, 3]", 400, "JSON object"),
                new Bad("wrong type", "POST", "/api/v1/jobs", json, "{\"layers\": \"784-30-10\"}", 400, "layers"),
                new Bad(
                        "null in layers",
                        "POST",
                        "/api/v1/jobs",
                        json,
                        "{\"layers\": [784, null, 10]}",
                        400,
                        "layers[1]"),
                new Bad("unknown enum", "POST", "/api/v1/jobs", json, job("\"optimizer\": \"lion\""), 400, "optimizer"),
                new Bad(
                        "non-finite learning rate",
                        "POST",
                        "/api/v1/jobs",
                        json,
                        job("\"learningRate\": 1e999"),
                        400,
                        "learningRate"),
                new Bad("non-finite l2", "POST", "/api/v1/jobs", json, job("\"l2\": -1e999"), 400, "l2"),
                new Bad("non-finite pixel", "POST", predict, json, pixels("1e999"), 400, "pixels[0]"),
                new Bad("pixel over 255", "POST", predict, json, pixels("256"), 400, "pixels[0]"),
                new Bad("negative pixel", "POST", predict, json, pixels("-1"), 400, "pixels[0]"),
                new Bad("too few pixels", "POST", predict, json, "{\"pixels\": [0, 0, 0]}", 400, "784"),
                new Bad("string pixels", "POST", predict, json, "{\"pixels\": \"black\"}", 400, "pixels"),
                new Bad(
                        "a string among the pixels",
                        "POST",
                        predict,
                        json,
                        "{\"pixels\": [0, \"x\", 0]}",
                        400,
                        "pixels[1]: expected a number"),
                new Bad("image of 3 rows", "POST", predict, json, "{\"image\": [[0], [0], [0]]}", 400, "image"),
                new Bad("empty batch", "POST", batch, json, "{\"images\": []}", 400, "images"),
                new Bad("bad image in a batch", "POST", batch, json, "{\"images\": [[1, 2]]}", 400, "images[0]"),
                new Bad(
                        "a network too large",
                        "POST",
                        "/api/v1/jobs",
                        json,
                        "{\"layers\": [784, 50000, 10]}",
                        400,
                        "max-parameters"),
                new Bad(
                        "unknown dataset",
                        "POST",
                        "/api/v1/jobs",
                        json,
                        job("\"dataset\": \"imagenet\""),
                        400,
                        "dataset"),
                new Bad("text body to jobs", "POST", "/api/v1/jobs", "text/plain", "train", 415, "text/plain"),
                new Bad("XML body to predict", "POST", predict, "application/xml", "<pixels/>", 415, "application/xml"),
                new Bad(
                        "encoded slashes in a model id",
                        "GET",
                        "/api/v1/models/..%2F..%2Fetc%2Fpasswd",
                        null,
                        null,
                        404,
                        "no model"),
                new Bad("dot segments in a job id", "GET", "/api/v1/jobs/..%2Fjobs", null, null, 404, "no job"),
                new Bad(
                        "unknown model",
                        "POST",
                        "/api/v1/models/no-such-model/predict",
                        json,
                        pixels("0"),
                        404,
                        "no-such-model"),
                new Bad(
                        "cancel a finished job",
                        "POST",
                        "/api/v1/jobs/" + job.id() + "/cancel",
                        null,
                        null,
                        409,
                        "already finished"),
                new Bad("delete an unknown model", "DELETE", "/api/v1/models/nope", null, null, 404, "nope"),
                new Bad("method not allowed", "PUT", "/api/v1/jobs", json, "{}", 405, "PUT")));
        for (String field : List.of("epochs", "batchSize", "validationSize", "trainLimit", "earlyStoppingPatience")) {
            walk.add(new Bad(
                    field + " below range", "POST", "/api/v1/jobs", json, job("\"" + field + "\": -1"), 400, field));
        }
        for (String field : List.of("learningRate", "epsilon")) {
            walk.add(new Bad(field + " of 0", "POST", "/api/v1/jobs", json, job("\"" + field + "\": 0"), 400, field));
        }
        for (String field : List.of("momentum", "rho", "beta1", "beta2", "dropout")) {
            walk.add(new Bad(field + " of 1", "POST", "/api/v1/jobs", json, job("\"" + field + "\": 1"), 400, field));
            walk.add(new Bad(
                    field + " below 0", "POST", "/api/v1/jobs", json, job("\"" + field + "\": -0.5"), 400, field));
        }

        for (Bad bad : walk) {
            HttpResponse<String> response = send(bad);
            assertThat(response.statusCode())
                    .as("%s: %s", bad.what(), response.body())
                    .isEqualTo(bad.status());
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as("%s: %s", bad.what(), response.body())
                    .startsWith("application/problem+json");
            assertThat(response.body())
                    .as(bad.what())
                    .contains(bad.mentions())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain("dev.backprop.")
                    .doesNotContain("tools.jackson")
                    .doesNotContain("org.springframework");
        }

        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        PredictionResponse after = predict(model);
        assertThat(after.probabilities()).isEqualTo(before.probabilities());
        assertThat(get(job.id()).status()).isEqualTo(job.status());
    }

    private static String job(String field) {
        return "{\"layers\": [784, 30, 10], " + field + "}";
    }

    private static String pixels(String first) {
        return "{\"pixels\": [" + first + ", 0" + ", 0".repeat(782) + "]}";
    }

    private HttpResponse<String> send(Bad bad) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + bad.path()));
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        request.method(
                bad.method(),
                bad.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(bad.body()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private PredictionResponse predict(String model) {
        return client.post()
                .uri("/api/v1/models/{id}/predict", model)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("pixels", new int[784]))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(PredictionResponse.class)
                .returnResult()
                .getResponseBody();
    }
}
