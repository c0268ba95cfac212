package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.IdxFiles;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Faults of the store and of timing, against the packaged jar: a store that cannot be written (here
 * its folder replaced by a file, which even root cannot write into), cancels at the instant a job
 * finishes, and {@code kill -9} in the middle of an upload. Each test takes over the service the one
 * before left running, and its store (starting one on a new store if there is none); the two that kill
 * it start the next, so the jar starts three times instead of six.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreFaultsIT {

    @TempDir
    static Path work;

    private static ServiceProcess service;
    private static Path store;
    private static int stores;

    @BeforeAll
    static void writeDataset() throws Exception {
        IdxFiles.writeSyntheticDataset(work.resolve("datasets/mnist"), 2000, 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    /**
     * The service the test before left running, or a new one on a new store if it left none: a store
     * that a failed test left half made never fails the tests after it.
     */
    private static ServiceProcess running() throws Exception {
        if (service == null || !service.alive()) {
            store = work.resolve("store-" + ++stores);
            service = start();
        }
        return service;
    }

    /** A new service on the same store, once the test has killed the one it had. */
    private static ServiceProcess restarted() throws Exception {
        service.close();
        service = start();
        return service;
    }

    private static ServiceProcess start() throws Exception {
        return ServiceProcess.start(
                work.resolve("service.log"),
                "backprop.storage.dir=" + store,
                "backprop.datasets.dir=" + work.resolve("datasets"),
                "backprop.datasets.download=false");
    }

    @Test
    @Order(1)
    void aStoreThatCannotBeWrittenAnswers507WithTheCauseFailsJobsSayingWhyAndTakesReadinessDown() throws Exception {
        Http http = new Http(running().port());
        Path moved = work.resolve("store-away");
        Files.move(store, moved);
        Files.writeString(store, "not a folder");
        try {
            Http.Answer upload =
                    http.post("/api/v1/datasets", "multipart/form-data; boundary=b1", Http.multipart("b1", dataset()));
            assertThat(upload.status()).as(upload.body()).isEqualTo(507);
            assertThat(upload.type()).startsWith("application/problem+json");
            assertThat(upload.body()).contains("cannot be written").doesNotContain(work.toString());

            Http.Answer readiness = http.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN").contains("the store cannot be written");

            String job = http.post("/api/v1/jobs", "{\"layers\": [784, 30, 10], \"epochs\": 1}")
                    .json()
                    .get("id")
                    .asString();
            JsonNode failed = http.awaitStatus(job, Duration.ofSeconds(90), "FAILED", "SUCCEEDED");
            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("error").asString()).contains("cannot write").doesNotContain(work.toString());
        } finally {
            Files.delete(store);
            Files.move(moved, store);
        }
        assertThat(http.get("/actuator/health/readiness").body()).contains("\"UP\"");
        Http.Answer upload =
                http.post("/api/v1/datasets", "multipart/form-data; boundary=b1", Http.multipart("b1", dataset()));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    }

    @Test
    @Order(2)
    void aCancelAnsweredWhileAJobFinishesSaysWhatHappensToIt() throws Exception {
        Http http = new Http(running().port());
        long modelsBefore = http.get("/api/v1/models").json().size();
        int cancelled = 0;
        int finished = 0;
        for (int k = 0; k < 16; k++) {
            String id = http.post("/api/v1/jobs", "{\"layers\": [784, 10, 10], \"epochs\": 1, \"trainLimit\": 1000}")
                    .json()
                    .get("id")
                    .asString();
            Thread.sleep(20L * k);
            Http.Answer cancel = http.post("/api/v1/jobs/" + id + "/cancel", "");
            JsonNode end = http.awaitStatus(id, Duration.ofSeconds(30), "SUCCEEDED", "CANCELLED", "FAILED");
            if (cancel.status() == 200) {
                assertThat(end.get("status").asString())
                        .as("answered %s", cancel.body())
                        .isEqualTo("CANCELLED");
                cancelled++;
            } else {
                assertThat(cancel.status()).isEqualTo(409);
                assertThat(end.get("status").asString()).isEqualTo("SUCCEEDED");
                finished++;
            }
        }
        System.out.printf("Cancels racing the end of a job: %d cancelled, %d already finished%n", cancelled, finished);
        JsonNode models = http.get("/api/v1/models").json();
        assertThat(models).as("one model per job that succeeded").hasSize((int) modelsBefore + finished);
    }

    @Test
    @Order(3)
    void killDashNineDuringAnUploadLeavesItsPartsUnderTheStoreAndTheNextStartDeletesThem() throws Exception {
        ServiceProcess first = running();
        Path spool = store.resolve("tmp/uploads");
        long earlier = count(spool);
        try (Socket socket = new Socket("127.0.0.1", first.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/datasets HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data;"
                            + " boundary=k9\r\nContent-Length: 100000000\r\n\r\n--k9\r\nContent-Disposition: form-data;"
                            + " name=\"trainImages\"; filename=\"a.gz\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            for (int k = 0; k < 20; k++) {
                out.write(chunk);
            }
            out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (count(spool) == earlier && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(count(spool))
                    .as("the part spools under the store, not the JVM's temp folder")
                    .isGreaterThan(earlier);
            first.kill();
        }
        assertThat(count(spool)).as("left behind by kill -9").isGreaterThan(earlier);
        restarted();
        assertThat(count(spool)).as("deleted at start-up").isZero();
    }

    @Test
    @Order(4)
    void aJobWhoseEveryStartDiesBeforeAnEpochFinishesIsFailedAfterThreeInsteadOfRetriedForever() throws Exception {
        ServiceProcess first = running();
        Http http = new Http(first.port());
        String id = http.post("/api/v1/jobs", "{\"layers\": [784, 100, 10], \"epochs\": 200}")
                .json()
                .get("id")
                .asString();
        http.awaitStatus(id, Duration.ofSeconds(60), "RUNNING");
        first.kill();
        // As if the last two starts had died in the same epoch too (out of memory, say).
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + store.resolve("backprop") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            db.createStatement()
                    .executeUpdate("UPDATE jobs SET interruptions = 2, resumed_from_epoch ="
                            + " (SELECT COUNT(*) FROM job_epochs e WHERE e.job_id = jobs.id) WHERE id = '" + id + "'");
        }
        JsonNode job = new Http(restarted().port()).awaitStatus(id, Duration.ofSeconds(30), "FAILED", "RUNNING");
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("stopped 3 times");
    }

    private static long count(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    private static Map<String, byte[]> dataset() {
        byte[][] digits = IdxFiles.syntheticDigits(200, 9);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("trainImages", IdxFiles.gzip(IdxFiles.images(digits[0], 200, 28, 28)));
        parts.put("trainLabels", IdxFiles.gzip(IdxFiles.labels(digits[1])));
        parts.put("testImages", IdxFiles.gzip(IdxFiles.images(digits[0], 200, 28, 28)));
        parts.put("testLabels", IdxFiles.gzip(IdxFiles.labels(digits[1])));
        return parts;
    }
}
