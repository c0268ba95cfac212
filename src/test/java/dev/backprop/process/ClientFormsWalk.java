package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.IdxFiles;
import dev.backprop.process.ContractWalk.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * ContractIT's calls of the operations that exist for generated clients: a job's events as JSON, the
 * picture form of predict, and the IDX and CSV forms of a dataset upload, success and error answers
 * alike. Binary bodies (pictures, IDX files) reach the service directly for their successes, as in the
 * rest of the walk, because the proxy reads bodies as text.
 */
final class ClientFormsWalk {

    private ClientFormsWalk() {}

    static void walk(ContractWalk walk, String jobId, String model, String name, byte[] png) throws Exception {
        JsonNode events = walk.get("/api/v1/jobs/" + jobId + "/events/history", 200);
        assertThat(events.get(events.size() - 1).get("event").asString()).isEqualTo("status");
        walk.get("/api/v1/jobs/nope/events/history", 404);

        String picture = "/api/v1/models/" + model + "/predict/picture";
        JsonNode predicted = walk.uploadDirect(picture, List.of(new Part("file", "digit.png", png)), 200);
        assertThat(predicted.get("input").size()).isEqualTo(28);
        walk.upload(picture, List.of(new Part("file", "x.png", bytes("not a picture"))), 415);
        walk.upload(picture, List.of(), 400);
        walk.upload(
                picture, List.of(new Part("file", "a.png", bytes("a")), new Part("file", "b.png", bytes("b"))), 400);
        walk.upload("/api/v1/models/nope/predict/picture", List.of(new Part("file", "x.png", bytes("x"))), 404);
        String versioned = "/api/v1/models/" + name + "/versions/1/predict/picture";
        walk.uploadDirect(versioned, List.of(new Part("file", "digit.png", png)), 200);
        walk.upload(versioned, List.of(new Part("file", "x.png", bytes("not a picture"))), 415);

        byte[][] digits = IdxFiles.syntheticDigits(30, 3);
        byte[] csv = IdxFiles.csv(digits[0], digits[1], false);
        JsonNode fromCsv = walk.upload(
                "/api/v1/datasets/csv?name=contract%20csv",
                List.of(new Part("train", "train.csv", csv), new Part("test", "test.csv", csv)), 201);
        walk.upload("/api/v1/datasets/csv", List.of(new Part("train", "train.csv", csv)), 400);
        JsonNode fromIdx = walk.uploadDirect(
                "/api/v1/datasets/idx?classes=10",
                List.of(
                        new Part("trainImages", "a", IdxFiles.images(digits[0], 30, 28, 28)),
                        new Part("trainLabels", "b", IdxFiles.labels(digits[1])),
                        new Part("testImages", "c", IdxFiles.images(digits[0], 30, 28, 28)),
                        new Part("testLabels", "d", IdxFiles.labels(digits[1]))),
                201);
        walk.upload("/api/v1/datasets/idx", List.of(new Part("trainImages", "a", bytes("x"))), 400);
        assertThat(fromIdx.get("trainingSize").asInt())
                .isEqualTo(fromCsv.get("trainingSize").asInt());
        walk.delete("/api/v1/datasets/" + fromCsv.get("id").asString(), 204);
        walk.delete("/api/v1/datasets/" + fromIdx.get("id").asString(), 204);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
