package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.IdxFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with its store (the embedded database) on a small tmpfs that the test fills up:
 * while the disk is full a new job is refused with 507, never 500; once space is freed, new jobs are
 * accepted and trained again without a restart (the embedded database closed itself on the failed
 * write and is opened again), and never answered with a 500.
 */
class DiskFullIT {

    private static final String JOB = "{\"layers\": [784, 10, 10], \"epochs\": 1, \"seed\": 3}";

    @TempDir
    Path work;

    @Test
    void afterAFullDiskIsFreedNewJobsAreAcceptedWithoutARestart() throws Exception {
        try (Tmpfs volume = Tmpfs.mount(work.resolve("volume"), 48)) {
            IdxFiles.writeSyntheticDataset(work.resolve("datasets/mnist"), 1000, 200);
            try (ServiceProcess service = ServiceProcess.start(
                    work.resolve("service.log"),
                    "backprop.storage.dir=" + volume.dir().resolve("store"),
                    "backprop.datasets.dir=" + work.resolve("datasets"),
                    "backprop.datasets.search-dirs=",
                    "backprop.datasets.download=false")) {
                Http http = new Http(service.port());
                http.trainSeedModel();

                Path filler = volume.dir().resolve("filler");
                fill(filler);
                // The write that finds the disk full is a 507; one that finds the database just closed
                // by an earlier failed write may be a 503 (try again), never a 500.
                List<Integer> whileFull = new ArrayList<>();
                Http.Answer full = null;
                for (int k = 0; k < 6; k++) {
                    Http.Answer refused = http.post("/api/v1/jobs", JOB);
                    whileFull.add(refused.status());
                    assertThat(refused.status()).as(refused.body()).isIn(503, 507);
                    assertThat(refused.type()).startsWith("application/problem+json");
                    if (refused.status() == 507) {
                        full = refused;
                    }
                }
                System.out.printf("Disk full: POST job answered %s%n", whileFull);
                assertThat(full).as("a 507 while the disk is full").isNotNull();
                assertThat(full.body()).contains("No space left on device").doesNotContain("Exception");

                Files.delete(filler);
                long freed = System.nanoTime();
                // Once space is freed the pool drops the closed database's connections and the next one
                // opens the file again. While the disk was full no open was tried (FullDiskGuard): an open
                // that failed on the full disk kept the file's lock in this JVM in 5 rounds of 11, and the
                // service answered 503 until a restart. Right after the delete, a write may still meet the
                // full disk: 507.
                Http.Answer accepted;
                try {
                    accepted = Awaitility.await("a job accepted after the disk was freed")
                            .atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> http.post("/api/v1/jobs", JOB), answer -> {
                                assertThat(answer.status()).as(answer.body()).isIn(202, 503, 507);
                                return answer.status() == 202;
                            });
                } catch (ConditionTimeoutException stillRefused) {
                    // Why the database stayed away is in the service's warnings, which go with the folder.
                    throw new AssertionError(
                            stillRefused.getMessage() + "; the service's warnings:\n"
                                    + warnings(work.resolve("service.log")),
                            stillRefused);
                }
                System.out.printf("Disk freed: a job accepted after %.1f s%n", (System.nanoTime() - freed) / 1e9);
                http.awaitStatus(accepted.json().get("id").asString(), Duration.ofSeconds(120), "SUCCEEDED");
                assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
            }
        }
    }

    private static String warnings(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("Caused by"))
                .distinct()
                .limit(60)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Writes zeros until the disk is full. */
    private static void fill(Path filler) throws IOException {
        byte[] megabyte = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(megabyte);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
    }
}
