package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.IdxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store on a volume mounted read-only (a snapshot, a full disk remounted, an operator's mistake): the
 * packaged jar starts on it, serves what is stored (jobs, models, predictions) and answers every write
 * with 507 problem+json, rather than failing to start.
 */
class ReadOnlyStoreIT {

    private static final String PIXELS =
            IntStream.range(0, 784).mapToObj(k -> k % 5 == 0 ? "0.8" : "0").collect(Collectors.joining(","));

    @TempDir
    Path work;

    @Test
    void aReadOnlyStoreServesWhatItHoldsAndAnswersWritesWith507() throws Exception {
        try (Tmpfs volume = Tmpfs.mount(work.resolve("volume"), 64)) {
            Path store = volume.dir().resolve("store");
            String model;
            String job;
            try (ServiceProcess writable = start(store)) {
                Http http = new Http(writable.port());
                model = http.trainSeedModel();
                job = http.get("/api/v1/models/" + model).json().get("jobId").asString();
                writable.terminate(Duration.ofSeconds(60));
            }
            // As on a volume copied without it: the folder for upload parts cannot be made now.
            org.springframework.util.FileSystemUtils.deleteRecursively(store.resolve("tmp"));
            volume.readOnly();
            long started = System.nanoTime();
            try (ServiceProcess readOnly = start(store)) {
                System.out.printf(
                        "Read-only store: healthy %.1f s after the start%n", (System.nanoTime() - started) / 1e9);
                Http http = new Http(readOnly.port());
                assertThat(http.get("/api/v1/jobs/" + job).json().get("status").asString())
                        .isEqualTo("SUCCEEDED");
                assertThat(http.get("/api/v1/models").body()).contains(model);
                Http.Answer predicted =
                        http.post("/api/v1/models/" + model + "/predict", "{\"pixels\": [" + PIXELS + "]}");
                assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);

                Http.Answer submitted = http.post("/api/v1/jobs", "{\"layers\": [784, 10, 10], \"epochs\": 1}");
                Http.Answer deleted = http.method("DELETE", "/api/v1/models/" + model);
                System.out.printf(
                        "Read-only store: POST job %d, DELETE model %d%n", submitted.status(), deleted.status());
                for (Http.Answer write : new Http.Answer[] {submitted, deleted}) {
                    assertThat(write.status()).as(write.body()).isEqualTo(507);
                    assertThat(write.type()).startsWith("application/problem+json");
                    assertThat(write.body()).contains("read-only").doesNotContain("Exception");
                }
                assertThat(http.get("/api/v1/models/" + model).status())
                        .as("still there")
                        .isEqualTo(200);
            }
        }
    }

    private ServiceProcess start(Path store) throws Exception {
        Path datasets = work.resolve("datasets");
        if (!Files.isDirectory(datasets.resolve("mnist"))) {
            IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 1000, 200);
        }
        return ServiceProcess.start(
                work.resolve("service.log"),
                "backprop.storage.dir=" + store,
                "backprop.datasets.dir=" + datasets,
                "backprop.datasets.search-dirs=",
                "backprop.datasets.download=false");
    }
}
