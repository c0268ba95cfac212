package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.RunningService;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploaded datasets on the disk store: compact files, listed and trainable after a restart. */
class UploadRestartTest {

    @TempDir
    static Path datasets;

    @TempDir
    Path storage;

    @BeforeAll
    static void writeMnist() throws IOException {
        IdxFiles.writeSyntheticDataset(datasets.resolve("mnist"), 200, 50);
    }

    private RunningService start() {
        return RunningService.start(Map.of(
                "backprop.storage.type", "disk",
                "backprop.storage.dir", storage.toString(),
                "backprop.datasets.dir", datasets.toString(),
                "backprop.datasets.search-dirs", "",
                "backprop.datasets.download", "false"));
    }

    private Path uploads() {
        return storage.resolve("uploads");
    }

    private String[] uploadFiles() throws IOException {
        try (Stream<Path> files = Files.list(uploads())) {
            return files.map(file -> file.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void anUploadIsKeptCompactlyAndSurvivesARestart() throws IOException {
        DatasetInfo uploaded;
        double accuracyBefore;
        try (RunningService service = start()) {
            uploaded = DatasetUploadApiTest.upload(
                            service.client(), DatasetUploadApiTest.csvParts(), Map.of("name", "csv squares"))
                    .expectStatus()
                    .isCreated()
                    .expectBody(DatasetInfo.class)
                    .returnResult()
                    .getResponseBody();
            Job job = ServiceJobs.awaitFinished(
                    service.client(),
                    ServiceJobs.submit(
                                    service.client(),
                                    "{\"dataset\": \"" + uploaded.id()
                                            + "\", \"layers\": [784, 20, 10], \"epochs\": 1, \"seed\": 9}")
                            .id(),
                    Duration.ofSeconds(60));
            accuracyBefore = job.epochs().get(0).testAccuracy();
        }
        Path file = uploads().resolve(uploaded.id() + ".dataset");
        long csvBytes = DatasetUploadApiTest.csvParts().values().stream()
                .mapToLong(b -> b.length)
                .sum();
        assertThat(Files.size(file))
                .as("compact binary, not the CSV (%d bytes)", csvBytes)
                .isLessThan(csvBytes / 5);

        try (RunningService service = start()) {
            assertThat(ServiceJobs.datasets(service.client()))
                    .filteredOn(info -> info.id().equals(uploaded.id()))
                    .singleElement()
                    .satisfies(info -> {
                        assertThat(info.name()).isEqualTo("csv squares");
                        assertThat(info.format()).isEqualTo("csv");
                        assertThat(info.trainingSize()).isEqualTo(1000);
                        assertThat(info.testSize()).isEqualTo(300);
                        assertThat(info.createdAt()).isEqualTo(uploaded.createdAt());
                    });
            Job again = ServiceJobs.awaitFinished(
                    service.client(),
                    ServiceJobs.submit(
                                    service.client(),
                                    "{\"dataset\": \"" + uploaded.id()
                                            + "\", \"layers\": [784, 20, 10], \"epochs\": 1, \"seed\": 9}")
                            .id(),
                    Duration.ofSeconds(60));
            assertThat(again.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(again.epochs().get(0).testAccuracy())
                    .as("the same images, so the same run")
                    .isEqualTo(accuracyBefore);

            service.client()
                    .delete()
                    .uri("/api/v1/datasets/{id}", uploaded.id())
                    .exchange()
                    .expectStatus()
                    .isNoContent();
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aRefusedUploadLeavesNothingOnDisk() throws IOException {
        try (RunningService service = start()) {
            Map<String, byte[]> parts = DatasetUploadApiTest.idxParts();
            byte[] labels = parts.get("trainLabels");
            parts.put("trainLabels", Arrays.copyOf(labels, labels.length - 20));
            DatasetUploadApiTest.upload(service.client(), parts, Map.of())
                    .expectStatus()
                    .isBadRequest();
            assertThat(uploadFiles()).isEmpty();
        }
    }

    @Test
    void aDamagedFileIsSetAsideAndTheServiceStarts() throws IOException {
        String id;
        try (RunningService service = start()) {
            id = DatasetUploadApiTest.upload(service.client(), DatasetUploadApiTest.idxParts(), Map.of())
                    .expectStatus()
                    .isCreated()
                    .expectBody(DatasetInfo.class)
                    .returnResult()
                    .getResponseBody()
                    .id();
        }
        Path file = uploads().resolve(id + ".dataset");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 10));

        try (RunningService service = start()) {
            assertThat(ServiceJobs.datasets(service.client()))
                    .extracting(DatasetInfo::id)
                    .doesNotContain(id);
            assertThat(uploads().resolve("corrupt").resolve(id + ".dataset")).isRegularFile();
            service.client()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }
}
