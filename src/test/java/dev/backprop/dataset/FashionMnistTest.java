package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.RunningService;
import dev.backprop.job.EpochMetrics;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fashion-MNIST as a user gets it from Debian ({@code apt install dataset-fashion-mnist}, into
 * {@code /usr/share/datasets/fashion-mnist}), found through the search folders and trained on over
 * REST. Skipped, saying so, when the package is not installed; {@code -Dbackprop.test.datasets=DIR}
 * names another folder holding {@code fashion-mnist/}.
 */
class FashionMnistTest {

    private static final String ONE_HIDDEN_RELU_LAYER = """
            {"name": "fashion, one hidden ReLU layer", "dataset": "fashion-mnist", "layers": [784, 100, 10],
             "hiddenActivation": "relu", "outputActivation": "softmax", "loss": "cross_entropy", "init": "he",
             "optimizer": "adam", "learningRate": 0.001, "epochs": 5, "batchSize": 32, "seed": 1}""";

    private static Path searchDir() {
        Path dir = Path.of(System.getProperty("backprop.test.datasets", "/usr/share/datasets"));
        boolean present = new IdxFolder(dir.resolve("fashion-mnist")).complete();
        if (!present) {
            System.err.println("SKIPPED: Fashion-MNIST is not in " + dir.resolve("fashion-mnist")
                    + " (apt install dataset-fashion-mnist, or set -Dbackprop.test.datasets=DIR)");
        }
        assumeTrue(present, "skipped: Fashion-MNIST is not in " + dir.resolve("fashion-mnist"));
        return dir;
    }

    @Test
    void aOneHiddenLayerReluNetworkReachesTheHighEightiesInFiveEpochs() throws Exception {
        Path search = searchDir();
        Path empty = Files.createTempDirectory("backprop-empty-datasets");
        try (RunningService service = RunningService.start(Map.of(
                "backprop.storage.type",
                "memory",
                "backprop.datasets.dir",
                empty.toString(),
                "backprop.datasets.search-dirs",
                search.toString(),
                "backprop.datasets.download",
                "false"))) {
            DatasetInfo info = ServiceJobs.datasets(service.client()).get(1);
            assertThat(info.id()).isEqualTo("fashion-mnist");
            assertThat(info.available()).isTrue();
            assertThat(info.filesPresent()).isTrue();
            assertThat(info.folder())
                    .isEqualTo(search.resolve("fashion-mnist").toAbsolutePath().toString());
            assertThat(info.trainingSize()).isEqualTo(60_000);
            assertThat(info.testSize()).isEqualTo(10_000);

            Job job = ServiceJobs.awaitFinished(
                    service.client(),
                    ServiceJobs.submit(service.client(), ONE_HIDDEN_RELU_LAYER).id(),
                    Duration.ofMinutes(3));

            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            for (EpochMetrics epoch : job.epochs()) {
                System.out.printf(
                        "Fashion-MNIST [784,100,10] ReLU/softmax, Adam 0.001: epoch %d test accuracy %.4f, %d ms%n",
                        epoch.epoch(), epoch.testAccuracy(), epoch.durationMs());
            }
            assertThat(job.epochs().get(0).testAccuracy()).isGreaterThan(0.80);
            assertThat(job.epochs().get(4).testAccuracy()).isBetween(0.85, 0.92);
        }
    }
}
