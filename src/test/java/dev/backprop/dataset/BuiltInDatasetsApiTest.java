package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.RunningService;
import dev.backprop.dataset.MirrorServer.Behaviour;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * A fresh machine: an empty datasets folder and no network (every mirror is on localhost and fails).
 * Jobs on the built-in datasets are refused or fail with a message saying what to put where, and the
 * service stays healthy.
 */
class BuiltInDatasetsApiTest {

    @TempDir
    Path datasets;

    private RunningService start(boolean download, String mnistMirrors) {
        Map<String, String> properties = new HashMap<>();
        properties.put("backprop.storage.type", "memory");
        properties.put("backprop.datasets.dir", datasets.toString());
        properties.put("backprop.datasets.search-dirs", "");
        properties.put("backprop.datasets.download", String.valueOf(download));
        properties.put("backprop.datasets.mirrors.mnist", mnistMirrors);
        properties.put("backprop.datasets.mirrors.fashion-mnist", mnistMirrors);
        properties.put("backprop.datasets.read-timeout", "500ms");
        return RunningService.start(properties);
    }

    private static final String MNIST_FILES =
            "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte";

    @Test
    void bothBuiltInDatasetsAreListedWithTheirPublishedSizes() throws IOException {
        try (RunningService service = start(true, MirrorServer.closedPort().toString())) {
            List<DatasetInfo> all = ServiceJobs.datasets(service.client());
            assertThat(all).extracting(DatasetInfo::id).startsWith("mnist", "fashion-mnist");
            assertThat(all.subList(0, 2)).allSatisfy(info -> {
                assertThat(info.builtIn()).isTrue();
                assertThat(info.available()).as("downloadable on first use").isTrue();
                assertThat(info.filesPresent()).isFalse();
                assertThat(info.trainingSize()).isEqualTo(60_000);
                assertThat(info.testSize()).isEqualTo(10_000);
                assertThat(info.classes()).isEqualTo(10);
                assertThat(info.classNames()).hasSize(10);
                assertThat(info.folder())
                        .isEqualTo(datasets.resolve(info.id()).toAbsolutePath().toString());
            });
            assertThat(all.get(1).classNames()).startsWith("T-shirt/top", "Trouser");
        }
    }

    @Test
    void withNoMirrorReachableAJobOnMnistFailsSayingWhatToPutWhere() throws IOException {
        try (MirrorServer server = new MirrorServer()) {
            URI dropping = server.mirror(
                    "dropping", Behaviour.DROP_HALF_WAY, Map.of("train-images-idx3-ubyte.gz", new byte[9_912_422]));
            String mirrors = dropping + "," + MirrorServer.closedPort();
            try (RunningService service = start(true, mirrors)) {
                Job job = ServiceJobs.submit(service.client(), "{\"dataset\": \"mnist\", \"layers\": [784, 30, 10]}");
                Job failed = ServiceJobs.awaitFinished(service.client(), job.id(), Duration.ofSeconds(30));

                assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
                assertThat(failed.error())
                        .startsWith(
                                "dataset 'mnist' could not be downloaded: could not download train-images-idx3-ubyte.gz")
                        .contains("/dropping/train-images-idx3-ubyte.gz: the connection ended after")
                        .contains("cannot connect")
                        .endsWith("put " + MNIST_FILES + " (each raw or .gz) into "
                                + datasets.resolve("mnist").toAbsolutePath());
                service.client()
                        .get()
                        .uri("/actuator/health")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("UP");
                try (Stream<Path> left = Files.list(datasets.resolve("mnist"))) {
                    assertThat(left).as("no partial download").isEmpty();
                }
            }
        }
    }

    @Test
    void withDownloadingOffAJobOnAMissingDatasetIsRefused() throws IOException {
        try (RunningService service = start(false, MirrorServer.closedPort().toString())) {
            service.client()
                    .post()
                    .uri("/api/v1/jobs")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"dataset\": \"fashion-mnist\", \"layers\": [784, 30, 10]}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("dataset")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("dataset 'fashion-mnist' is not available: downloading is off "
                            + "(backprop.datasets.download=false); put " + MNIST_FILES + " (each raw or .gz) into "
                            + datasets.resolve("fashion-mnist").toAbsolutePath());
            service.client()
                    .get()
                    .uri("/api/v1/datasets/{id}", "fashion-mnist")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.available")
                    .isEqualTo(false)
                    .jsonPath("$.unavailableReason")
                    .value(String.class, reason -> assertThat(reason).contains("downloading is off"));
        }
    }
}
