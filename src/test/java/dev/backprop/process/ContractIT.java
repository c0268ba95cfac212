package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.process.ContractWalk.Part;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged service against its own document, as a machine none of us wrote reads it: every
 * operation the live {@code /v3/api-docs} lists is called through Prism ({@code prism proxy --errors}),
 * with success and error answers alike, and no answer may break the document. Prism cannot carry binary
 * request bodies (it reads them as text), so picture and model-file uploads reach the service directly
 * for their successes and through Prism for their errors; CSV uploads go through Prism both ways.
 */
class ContractIT {

    private static final String ONE = IntStream.range(0, 784)
            .mapToObj(i -> i / 28 >= 4 && i / 28 < 24 && i % 28 >= 13 && i % 28 < 16 ? "255" : "0")
            .collect(Collectors.joining(", ", "[", "]"));

    @TempDir
    Path work;

    @Test
    void everyOperationAnswersAsItsDocumentSays() throws Exception {
        boolean present = Prism.installed();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but Prism is missing: npm ci in " + Prism.CLIENT);
        }
        assumeTrue(present, "skipped: no Prism in " + Prism.CLIENT + " (npm ci there)");
        try (ServiceProcess service = ServiceProcess.onSyntheticDigits(work, 3000, 500)) {
            Path document = work.resolve("api-docs.json");
            byte[] live = new ContractWalk(service.port(), service.port()).getDirect("/v3/api-docs");
            Files.write(document, live);
            try (Prism prism = Prism.proxy(document, service.port(), work.resolve("prism.log"))) {
                ContractWalk walk = new ContractWalk(prism.port(), service.port());
                walkEverything(walk);
                randomCalls(walk, Http.JSON.readTree(live));
                Set<String> missed = untouched(Http.JSON.readTree(live), walk.exchanges);
                System.out.printf(
                        "Prism --errors over %d exchanges: %d problems; operations not called: %s%n",
                        walk.exchanges.size(), walk.problems.size(), missed);
                assertThat(walk.problems)
                        .as("answers the document rejects, or unexpected statuses")
                        .isEmpty();
                assertThat(missed)
                        .as("operations of the document the walk never called")
                        .isEmpty();
            }
        }
    }

    /** The property-based part: random sequences of the document's operations, on a fresh model. */
    private static void randomCalls(ContractWalk walk, JsonNode document) throws Exception {
        JsonNode job = walk.trained("{\"name\": \"random\", \"layers\": [784, 10], \"epochs\": 1, \"seed\": 2}");
        String jobId = job.get("id").asString();
        String model = job.get("modelId").asString();
        long seed = Long.getLong("contract.seed", System.nanoTime());
        int before = walk.exchanges.size();
        new RandomCalls(
                        document,
                        seed,
                        java.util.Map.of(
                                "id", List.of(model, jobId, "mnist", "nope"),
                                "name", List.of("random", "nope"),
                                "version", List.of("1", "7"),
                                "alias", List.of("production", "latest"),
                                "dataset", List.of("mnist", "nope"),
                                "split", List.of("test", "train", "x"),
                                "index", List.of("0", "12", "99999")))
                .run(walk, 150);
        System.out.printf(
                "Random calls from the document (-Dcontract.seed=%d): %d exchanges%n",
                seed, walk.exchanges.size() - before);
    }

    private static void walkEverything(ContractWalk walk) throws Exception {
        JsonNode job = walk.trained("{\"name\": \"contract\", \"layers\": [784, 30, 10], \"epochs\": 1, \"seed\": 1}");
        walk.post("/api/v1/jobs", "{\"layers\": [784], \"learningRate\": -1}", 400);
        String jobId = job.get("id").asString();
        String model = job.get("modelId").asString();
        walk.get("/api/v1/jobs/nope", 404);
        walk.get("/api/v1/jobs?limit=1&status=SUCCEEDED", 200);
        walk.get("/api/v1/jobs?limit=0", 400);
        assertThat(walk.events("/api/v1/jobs/" + jobId + "/events")).contains("event:status");
        walk.post("/api/v1/jobs/" + jobId + "/cancel", null, 409);
        walk.post("/api/v1/jobs/nope/cancel", null, 404);

        JsonNode info = walk.get("/api/v1/models/" + model, 200);
        String name = info.get("name").asString();
        walk.get("/api/v1/models?limit=5", 200);
        walk.get("/api/v1/models/nope", 404);
        walk.post("/api/v1/models/" + model + "/predict", "{\"pixels\": " + ONE + "}", 200);
        walk.post("/api/v1/models/" + model + "/predict", "{\"pixels\": [1, 2]}", 400);
        walk.post("/api/v1/models/" + model + "/predict/batch", "{\"images\": [" + ONE + ", " + ONE + "]}", 200);
        walk.post("/api/v1/models/" + model + "/predict/batch", "{\"images\": []}", 400);
        byte[] png = walk.getDirect("/api/v1/datasets/mnist/test/0.png");
        walk.get("/api/v1/datasets/mnist/test/0.png", 200);
        walk.get("/api/v1/datasets/mnist/test/99999.png", 400);
        walk.uploadDirect("/api/v1/models/" + model + "/predict", List.of(new Part("file", "digit.png", png)), 200);
        walk.upload(
                "/api/v1/models/" + model + "/predict",
                List.of(new Part("file", "x.png", bytes("not a picture"))),
                415);
        walk.uploadDirect(
                "/api/v1/models/" + model + "/predict/batch",
                List.of(new Part("file", "a.png", png), new Part("file", "b.png", png)),
                200);
        walk.upload("/api/v1/models/" + model + "/predict/batch", List.of(), 400);
        ClientFormsWalk.walk(walk, jobId, model, name, png);
        walk.post("/api/v1/models/" + model + "/evaluate", "{\"dataset\": \"mnist\", \"split\": \"test\"}", 200);
        walk.post("/api/v1/models/" + model + "/evaluate", "{\"split\": \"nope\"}", 400);
        walk.post(
                "/api/v1/models/" + model + "/projection",
                "{\"dataset\": \"mnist\", \"split\": \"test\", \"count\": 200}",
                200);
        walk.post("/api/v1/models/" + model + "/projection", "{\"count\": -1}", 400);
        walk.get("/api/v1/models/" + model + "/receptive-fields.png", 200);
        walk.get("/api/v1/models/nope/receptive-fields.png", 404);
        walk.get("/api/v1/models/" + model + "/export?format=onnx", 200);
        // network2.py's JSON is documented as a file (format: binary) so that generated clients save it as
        // bytes; Prism validates an application/json answer as a JSON string and would reject it.
        assertThat(walk.getDirect("/api/v1/models/" + model + "/export?format=network2"))
                .isNotEmpty();
        walk.get("/api/v1/models/" + model + "/export?format=zip", 400);
        byte[] file = walk.getDirect("/api/v1/models/" + model + "/export?format=backprop");
        JsonNode imported = walk.uploadDirect("/api/v1/models", List.of(new Part("file", "m.model", file)), 201);
        walk.upload("/api/v1/models", List.of(new Part("file", "junk.model", bytes("junk"))), 400);

        walk.get("/api/v1/models/" + name + "/versions", 200);
        walk.put("/api/v1/models/" + name + "/aliases/production", "{\"version\": 1}", 200);
        walk.put("/api/v1/models/" + name + "/aliases/production", "{\"version\": 99}", 404);
        walk.post("/api/v1/models/" + name + "@production/predict", "{\"pixels\": " + ONE + "}", 200);
        walk.delete("/api/v1/models/" + name + "/aliases/production", 204);
        walk.delete("/api/v1/models/" + name + "/aliases/nope", 404);
        versionedOperations(walk, name);
        inferenceProtocol(walk, model, name);
        walk.post("/api/v1/models/" + model + "/explain", "{\"pixels\": " + ONE + "}", 200);
        walk.post("/api/v1/models/" + model + "/explain", "{\"pixels\": " + ONE + ", \"method\": \"saliency\"}", 200);
        walk.post("/api/v1/models/" + model + "/explain", "{\"pixels\": " + ONE + ", \"target\": 10}", 400);
        sweepsAndDatasets(walk);
        learningCurves(walk);

        walk.delete("/api/v1/models/" + imported.get("id").asString(), 204);
        walk.delete("/api/v1/models/" + model, 204);
        walk.get("/api/v1/models/" + model, 404);
        walk.delete("/api/v1/models/" + model, 404);
    }

    private static void versionedOperations(ContractWalk walk, String name) throws Exception {
        String v1 = "/api/v1/models/" + name + "/versions/1";
        walk.get(v1, 200);
        walk.get("/api/v1/models/" + name + "/versions/9", 404);
        walk.post(v1 + "/predict", "{\"pixels\": " + ONE + "}", 200);
        walk.post(v1 + "/predict/batch", "{\"images\": [" + ONE + "]}", 200);
        walk.post(v1 + "/evaluate", "{\"split\": \"test\"}", 200);
        walk.post(v1 + "/projection", "{\"count\": 100}", 200);
        walk.get(v1 + "/receptive-fields.png", 200);
        walk.get(v1 + "/export?format=onnx", 200);
        walk.post(v1 + "/explain", "{\"pixels\": " + ONE + "}", 200);
        walk.delete("/api/v1/models/" + name + "/versions/9", 404);
    }

    private static void inferenceProtocol(ContractWalk walk, String model, String name) throws Exception {
        walk.get("/v2", 200);
        walk.get("/v2/", 200);
        walk.get("/v2/health/live", 200);
        walk.get("/v2/health/ready", 200);
        walk.get("/v2/models/" + model, 200);
        walk.get("/v2/models/" + model + "/ready", 200);
        walk.get("/v2/models/nope", 404);
        String rows = IntStream.range(0, 28)
                .mapToObj(r -> ONE.substring(1, ONE.length() - 1))
                .collect(Collectors.joining(", ", "[", "]"));
        walk.post(
                "/v2/models/" + model + "/infer",
                "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 784], \"datatype\": \"UINT8\", \"data\": " + ONE
                        + "}]}",
                200);
        walk.post("/v2/models/" + model + "/infer", "{\"inputs\": []}", 400);
        String v1 = "/v2/models/" + name + "/versions/1";
        walk.get(v1, 200);
        walk.get(v1 + "/ready", 200);
        walk.post(
                v1 + "/infer",
                "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 784], \"datatype\": \"UINT8\", \"data\": " + ONE
                        + "}]}",
                200);
        assertThat(rows).isNotEmpty();
    }

    private static void learningCurves(ContractWalk walk) throws Exception {
        JsonNode curve = walk.post("/api/v1/learning-curves", """
                {"base": {"layers": [784, 10, 10], "epochs": 1, "validationSize": 100},
                 "sizes": [200, 400], "seeds": 1}""", 202);
        walk.post("/api/v1/learning-curves", "{\"base\": {}, \"sizes\": []}", 400);
        String id = curve.get("id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Set.of("SUCCEEDED", "FAILED").contains(curve.get("status").asString())
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            curve = walk.get("/api/v1/learning-curves/" + id, 200);
        }
        walk.get("/api/v1/learning-curves", 200);
        walk.get("/api/v1/learning-curves/nope", 404);
        assertThat(walk.events("/api/v1/learning-curves/" + id + "/events")).contains("event:curve");
        walk.post("/api/v1/learning-curves/" + id + "/cancel", null, 409);
    }

    private static void sweepsAndDatasets(ContractWalk walk) throws Exception {
        JsonNode sweep = walk.post("/api/v1/sweeps", """
                {"name": "contract", "base": {"layers": [784, 10, 10], "epochs": 1, "trainLimit": 500, "validationSize": 100},
                 "parameters": {"learningRate": {"choice": [1.0, 3.0]}}, "strategy": "grid", "trials": 2, "seed": 1}""", 202);
        walk.post("/api/v1/sweeps", "{\"base\": {}}", 400);
        String id = sweep.get("id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Set.of("SUCCEEDED", "FAILED").contains(sweep.get("status").asString())
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            sweep = walk.get("/api/v1/sweeps/" + id, 200);
        }
        walk.get("/api/v1/sweeps?status=SUCCEEDED", 200);
        walk.get("/api/v1/sweeps/nope", 404);
        assertThat(walk.events("/api/v1/sweeps/" + id + "/events")).contains("event:sweep");
        walk.post("/api/v1/sweeps/" + id + "/cancel", null, 409);

        StringBuilder csv = new StringBuilder();
        for (int k = 0; k < 30; k++) {
            csv.append(k % 10);
            for (int i = 0; i < 784; i++) {
                csv.append(',').append((k * 7 + i) % 256);
            }
            csv.append('\n');
        }
        JsonNode dataset = walk.upload(
                "/api/v1/datasets",
                List.of(
                        new Part("train", "train.csv", bytes(csv.toString())),
                        new Part("test", "test.csv", bytes(csv.toString())),
                        new Part("name", null, bytes("contract digits"))),
                201);
        walk.upload("/api/v1/datasets", List.of(new Part("train", "train.csv", bytes("x"))), 400);
        walk.get("/api/v1/datasets?limit=10", 200);
        walk.get("/api/v1/datasets/mnist", 200);
        walk.get("/api/v1/datasets/nope", 404);
        walk.delete("/api/v1/datasets/" + dataset.get("id").asString(), 204);
        walk.delete("/api/v1/datasets/mnist", 409);
    }

    /** The document's operations (method and path template) that no exchange matched. */
    private static Set<String> untouched(JsonNode document, List<ContractWalk.Exchange> exchanges) {
        List<String> templates = new ArrayList<>();
        document.get("paths").propertyNames().forEach(templates::add);
        // The most literal template wins, as in routing: /models/{name}/versions/{version} over /models/{id}/…
        templates.sort(
                Comparator.comparingInt((String t) -> t.split("\\{").length).thenComparing(t -> t));
        Set<String> touched = new TreeSet<>();
        for (ContractWalk.Exchange exchange : exchanges) {
            String path = exchange.path().split("\\?")[0];
            templates.stream()
                    .filter(t -> path.matches(t.replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\.")))
                    .findFirst()
                    .ifPresent(t -> touched.add(exchange.method() + " " + t));
        }
        Set<String> all = new TreeSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().propertyNames().forEach(method -> {
                    all.add(method.toUpperCase() + " " + path.getKey());
                }));
        all.removeAll(touched);
        return all;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
