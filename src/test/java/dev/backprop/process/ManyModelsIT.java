package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.Architecture;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.Network;
import dev.backprop.model.ModelFile;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.StoredModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored models against the packaged jar at {@code -Xmx512m}: start-up does not hold every network (100
 * models of the fast preset, 2.5 MB each, would not fit), a file without its record is recorded, a record
 * without its file is reported and dropped, and no stored file, however poisoned, keeps the service
 * from starting.
 */
class ManyModelsIT {

    private static final String PROBE = "{\"pixels\": [" + "7,".repeat(783) + "7]}";

    @TempDir
    Path work;

    private ServiceProcess start() throws Exception {
        return ServiceProcess.onSyntheticDigits(work, 200, 50);
    }

    private static byte[] modelFile(String id, String name, Network network) {
        ModelInfo info = new ModelInfo(
                id,
                name,
                null,
                "mnist",
                Instant.now(),
                network.architecture().sizes(),
                "sigmoid",
                "sigmoid",
                "quadratic",
                false,
                network.parameterCount(),
                null,
                null,
                1,
                1,
                ModelFile.VERSION);
        return new ModelFile(Http.JSON).write(new StoredModel(info, network));
    }

    @Test
    void aHundredFastPresetModelsStartAtHalfAGigabyteAndEachPredicts() throws Exception {
        Network network = Network.create(Architecture.of(784, 800, 10), Initializer.NORMAL, new Random(5));
        Path models = Files.createDirectories(work.resolve("store/models"));
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            String id = UUID.randomUUID().toString();
            Files.write(models.resolve(id + ".model"), modelFile(id, "fast-" + (k % 10), network));
            ids.add(id);
        }
        try (ServiceProcess service = start()) {
            Http http = new Http(service.port());
            assertThat(http.get("/api/v1/models").json().size()).isEqualTo(100);
            for (String id : ids) {
                assertThat(http.post("/api/v1/models/" + id + "/predict", PROBE).status())
                        .as("predict with %s", id)
                        .isEqualTo(200);
            }
            assertThat(http.get("/api/v1/models/fast-3/versions")
                            .json()
                            .get("versions")
                            .size())
                    .isEqualTo(10);
            service.terminate(Duration.ofSeconds(30));
        }
        Files.delete(models.resolve(ids.get(0) + ".model"));
        try (ServiceProcess service = start()) {
            Http http = new Http(service.port());
            assertThat(http.get("/api/v1/models").json().size()).isEqualTo(99);
            assertThat(http.get("/api/v1/models/" + ids.get(0)).status()).isEqualTo(404);
            service.terminate(Duration.ofSeconds(30));
        }
        assertThat(Files.readString(work.resolve("service.log")))
                .contains("Model " + ids.get(0) + " has no readable file any more");
    }

    @Test
    void aPoisonedNativeImportIsA400LeavingNothingAndAPoisonedFileNeverStopsAStart() throws Exception {
        Network network = Network.create(Architecture.of(784, 16, 10), Initializer.NORMAL, new Random(6));
        String tooLong = "n".repeat(201);
        // What the old import left behind: files without records, whose names the registry refuses.
        Path models = Files.createDirectories(work.resolve("store/models"));
        String poisoned = UUID.randomUUID().toString();
        Files.write(models.resolve(poisoned + ".model"), modelFile(poisoned, tooLong, network));
        String slashed = UUID.randomUUID().toString();
        Files.write(models.resolve(slashed + ".model"), modelFile(slashed, "a/b", network));
        String good = UUID.randomUUID().toString();
        Files.write(models.resolve(good + ".model"), modelFile(good, "good", network));
        try (ServiceProcess service = start()) {
            Http http = new Http(service.port());
            assertThat(http.get("/api/v1/models").json().findValuesAsString("id"))
                    .containsExactly(good);
            assertThat(http.post("/api/v1/models/good/predict", PROBE).status()).isEqualTo(200);

            // Today's import refuses such a file and leaves no file behind (on the same start, so that
            // the jar starts once for both halves).
            List<Path> before = modelFiles();
            Http.Answer refused = http.post(
                    "/api/v1/models",
                    "multipart/form-data; boundary=m",
                    Http.multipart(
                            "m", Map.of("file", modelFile(UUID.randomUUID().toString(), tooLong, network))));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("name");
            assertThat(modelFiles())
                    .as("no file left by the refused import")
                    .containsExactlyInAnyOrderElementsOf(before);
            service.terminate(Duration.ofSeconds(30));
        }
        assertThat(Files.readString(work.resolve("service.log")))
                .contains("Model file " + poisoned + " is not listed: the name it holds must be at most 200")
                .contains("Model file " + slashed + " is not listed");
    }

    private List<Path> modelFiles() throws Exception {
        Path models = work.resolve("store/models");
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(models)) {
            return files.filter(f -> f.toString().endsWith(".model")).toList();
        }
    }
}
