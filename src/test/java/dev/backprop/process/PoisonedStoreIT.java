package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.IdxFiles;
import dev.backprop.storage.Checksums;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A store damaged the ways a broken disk, a careless operator or a hostile file do it, under the
 * packaged jar: the service starts with the rest, sets the bad files aside, lists and serves what is
 * good, and writes nothing outside its store. Also the state a {@code kill -9} leaves right after a
 * model file is renamed into place: the job completes with that model instead of training a second.
 */
class PoisonedStoreIT {

    private static final String TINY_JOB = "{\"layers\": [784, 30, 10], \"epochs\": 1, \"seed\": 1}";

    @TempDir
    Path work;

    private ServiceProcess start() throws Exception {
        return ServiceProcess.start(
                work.resolve("service.log"),
                "backprop.storage.dir=" + work.resolve("store"),
                "backprop.datasets.dir=" + work.resolve("datasets"),
                "backprop.datasets.download=false");
    }

    @Test
    void badRecordsHugeModelsAndDamagedUploadsAreSetAsideAndTheRestServes() throws Exception {
        IdxFiles.writeSyntheticDataset(work.resolve("datasets/mnist"), 2000, 200);
        Path store = work.resolve("store");
        String modelId;
        String uploadId;
        String probe = "{\"pixels\": [" + "7,".repeat(783) + "7]}";
        String before;
        try (ServiceProcess service = start()) {
            Http http = new Http(service.port());
            String job = http.post("/api/v1/jobs", TINY_JOB).json().get("id").asString();
            modelId = http.awaitStatus(job, Duration.ofSeconds(90), "SUCCEEDED")
                    .get("modelId")
                    .asString();
            before = http.post("/api/v1/models/" + modelId + "/predict", probe).body();
            uploadId = upload(http);
            service.terminate(Duration.ofSeconds(30));
        }
        Path uploadFile = store.resolve("uploads").resolve(uploadId + ".dataset");
        byte[] damaged = Files.readAllBytes(uploadFile);
        damaged[damaged.length - 30] ^= (byte) 0xFF; // inside the gzip data: its CRC no longer matches
        Files.write(uploadFile, damaged);
        Path jobs = Files.createDirectories(store.resolve("jobs"));
        Files.writeString(
                jobs.resolve("a.json"), record("aaaaaaaa-0000-0000-0000-000000000001", "RUNNING", null, true));
        Files.writeString(jobs.resolve("b.json"), record("bbbbbbbb-0000-0000-0000-000000000002", "QUEUED", null, true));
        Files.writeString(
                jobs.resolve("c.json"), record("cccccccc-0000-0000-0000-000000000003", "QUEUED", TINY_JOB, false));
        Files.writeString(
                jobs.resolve("d.json"), record("dddddddd-0000-0000-0000-000000000004", "QUEUED", TINY_JOB, false));
        Files.writeString(jobs.resolve("e.json"), record("../../ESCAPED", "QUEUED", TINY_JOB, true));
        String huge = UUID.randomUUID().toString();
        Files.write(store.resolve("models").resolve(huge + ".model"), hugeModel(huge));

        try (ServiceProcess service = start()) {
            Http http = new Http(service.port());
            Http.Answer list = http.get("/api/v1/jobs");
            assertThat(list.status()).isEqualTo(200);
            for (JsonNode job : list.json()) {
                assertThat(job.get("id").asString()).doesNotContain("aaaaaaaa", "bbbbbbbb", "cccc", "dddd", "ESCAPED");
            }
            assertThat(http.post("/api/v1/models/" + modelId + "/predict", probe)
                            .body())
                    .isEqualTo(before);
            assertThat(http.get("/api/v1/models").body()).doesNotContain(huge);
            assertThat(http.get("/api/v1/datasets").body()).doesNotContain(uploadId);
            Http.Answer onDamaged =
                    http.post("/api/v1/jobs", "{\"layers\": [784, 10, 10], \"dataset\": \"" + uploadId + "\"}");
            assertThat(onDamaged.status()).isEqualTo(400);
            assertThat(onDamaged.body()).doesNotContain(work.toString());
        }
        assertThat(jobs.resolve("corrupt"))
                .isDirectoryContaining(f -> f.getFileName().toString().equals("a.json"));
        assertThat(jobs.resolve("corrupt"))
                .isDirectoryContaining(f -> f.getFileName().toString().equals("e.json"));
        assertThat(store.resolve("models/corrupt").resolve(huge + ".model")).isRegularFile();
        assertThat(store.resolve("uploads/corrupt").resolve(uploadId + ".dataset"))
                .isRegularFile();
        try (Stream<Path> outside = Files.walk(work.getParent(), 3)) {
            assertThat(outside.filter(p -> p.getFileName().toString().contains("ESCAPED")))
                    .isEmpty();
        }
    }

    @Test
    void aJobKilledRightAfterItsModelWasStoredCompletesWithThatModelOnRecovery() throws Exception {
        IdxFiles.writeSyntheticDataset(work.resolve("datasets/mnist"), 2000, 200);
        String job;
        String modelId;
        try (ServiceProcess service = start()) {
            Http http = new Http(service.port());
            job = http.post("/api/v1/jobs", TINY_JOB).json().get("id").asString();
            modelId = http.awaitStatus(job, Duration.ofSeconds(90), "SUCCEEDED")
                    .get("modelId")
                    .asString();
            service.terminate(Duration.ofSeconds(30));
        }
        // What kill -9 leaves between the model's file and the job's record: the file, and a RUNNING job.
        try (Connection db = DriverManager.getConnection(
                "jdbc:h2:file:" + work.resolve("store/backprop") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "sa",
                "")) {
            db.createStatement().executeUpdate("DELETE FROM models WHERE id = '" + modelId + "'");
            db.createStatement()
                    .executeUpdate("UPDATE jobs SET status = 'RUNNING', model_id = NULL, finished_at = NULL,"
                            + " progress = 0.5 WHERE id = '" + job + "'");
        }
        try (ServiceProcess service = start()) {
            Http http = new Http(service.port());
            JsonNode done = http.awaitStatus(job, Duration.ofSeconds(90), "SUCCEEDED", "FAILED");
            assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("modelId").asString())
                    .as("the model stored before, not a second")
                    .isEqualTo(modelId);
            JsonNode models = http.get("/api/v1/models").json();
            assertThat(models).hasSize(1);
            assertThat(models.get(0).get("id").asString()).isEqualTo(modelId);
        }
    }

    private static String record(String id, String status, String request, boolean createdAt) {
        return "{\"id\": \"" + id + "\", \"name\": \"poison\", \"status\": \"" + status + "\", \"request\": " + request
                + ", \"createdAt\": " + (createdAt ? "\"2026-01-01T00:00:00Z\"" : "null") + ", \"epochs\": []}";
    }

    /** 1 KB with a valid checksum whose network declares 1000 × 1,000,000 weights (4 GB of floats). */
    private static byte[] hugeModel(String id) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x42504D46);
        out.writeInt(1);
        byte[] metadata = ("{\"id\": \"" + id
                        + "\", \"layers\": [1000, 1000000], \"createdAt\": \"2026-01-01T00:00:00Z\","
                        + " \"hiddenActivation\": \"sigmoid\", \"outputActivation\": \"sigmoid\", \"loss\": \"quadratic\"}")
                .getBytes(StandardCharsets.UTF_8);
        out.writeInt(metadata.length);
        out.write(metadata);
        out.writeInt(0x42504E4E);
        out.writeInt(1);
        out.writeInt(2);
        out.writeInt(1000);
        out.writeInt(1_000_000);
        out.writeUTF("SIGMOID");
        out.writeUTF("SIGMOID");
        out.writeBoolean(false);
        out.write(new byte[700]);
        return Checksums.seal(bytes.toByteArray());
    }

    private static String upload(Http http) throws Exception {
        byte[][] digits = IdxFiles.syntheticDigits(300, 5);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("trainImages", IdxFiles.gzip(IdxFiles.images(digits[0], 300, 28, 28)));
        parts.put("trainLabels", IdxFiles.gzip(IdxFiles.labels(digits[1])));
        parts.put("testImages", IdxFiles.gzip(IdxFiles.images(digits[0], 300, 28, 28)));
        parts.put("testLabels", IdxFiles.gzip(IdxFiles.labels(digits[1])));
        Http.Answer answer =
                http.post("/api/v1/datasets", "multipart/form-data; boundary=b0", Http.multipart("b0", parts));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asString();
    }
}
