package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.RunningService;
import dev.backprop.engine.ExampleSet;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The first 3,000 real MNIST training images, uploaded once as gzip IDX and once as CSV (with the real
 * test split), train to exactly the same figures as each other and as the built-in MNIST with
 * {@code trainLimit: 3000}: three roads to the same bytes.
 */
class UploadFormatsAgreeTest {

    private static final int TRAINING = 3000;

    private static byte[][] firstImages(ExampleSet examples, int count) {
        byte[] pixels = new byte[count * 784];
        byte[] labels = new byte[count];
        for (int e = 0; e < count; e++) {
            labels[e] = (byte) examples.label(e);
            for (int i = 0; i < 784; i++) {
                pixels[e * 784 + i] = (byte) examples.pixel(e, i);
            }
        }
        return new byte[][] {pixels, labels};
    }

    private static String uploaded(RestTestClient client, Map<String, byte[]> parts, String name) {
        return DatasetUploadApiTest.upload(client, parts, Map.of("name", name))
                .expectStatus()
                .isCreated()
                .expectBody(DatasetInfo.class)
                .returnResult()
                .getResponseBody()
                .id();
    }

    private static Job train(RestTestClient client, String dataset, String extra) {
        String request = "{\"dataset\": \"" + dataset + "\", \"layers\": [784, 30, 10], \"epochs\": 10, "
                + "\"learningRate\": 3.0, \"batchSize\": 10, \"seed\": 1" + extra + "}";
        return ServiceJobs.awaitFinished(
                client, ServiceJobs.submit(client, request).id(), Duration.ofMinutes(2));
    }

    @Test
    void gzipIdxCsvAndTrainLimitGiveTheSameModel() {
        Dataset mnist = RealMnist.load();
        byte[][] train = firstImages(mnist.training(), TRAINING);
        byte[][] test = firstImages(mnist.test(), mnist.test().count());
        int testCount = test[1].length;

        Map<String, byte[]> idx = new LinkedHashMap<>();
        idx.put("trainImages", IdxFiles.gzip(IdxFiles.images(train[0], TRAINING, 28, 28)));
        idx.put("trainLabels", IdxFiles.gzip(IdxFiles.labels(train[1])));
        idx.put("testImages", IdxFiles.gzip(IdxFiles.images(test[0], testCount, 28, 28)));
        idx.put("testLabels", IdxFiles.gzip(IdxFiles.labels(test[1])));
        Map<String, byte[]> csv = new LinkedHashMap<>();
        csv.put("train", IdxFiles.csv(train[0], train[1], true));
        csv.put("test", IdxFiles.csv(test[0], test[1], false));

        try (RunningService service = RunningService.start(Map.of(
                "backprop.storage.type", "memory",
                "backprop.datasets.dir", RealMnist.datasetsDir().toString(),
                "backprop.datasets.search-dirs", "",
                "backprop.datasets.download", "false"))) {
            RestTestClient client = service.client();
            long started = System.nanoTime();
            String fromIdx = uploaded(client, idx, "mnist-3000 as gzip IDX");
            long idxMillis = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            String fromCsv = uploaded(client, csv, "mnist-3000 as CSV");
            long csvMillis = (System.nanoTime() - started) / 1_000_000;

            Job onIdx = train(client, fromIdx, "");
            Job onCsv = train(client, fromCsv, "");
            Job onBuiltIn = train(client, "mnist", ", \"trainLimit\": " + TRAINING);

            assertThat(onIdx.status()).isEqualTo(JobStatus.SUCCEEDED);
            double accuracy = onIdx.epochs().get(9).testAccuracy();
            System.out.printf(
                    "3,000 MNIST images: gzip IDX upload (%d KB) %d ms, CSV upload (%d KB) %d ms; "
                            + "test accuracy after 10 epochs %.4f (IDX) %.4f (CSV) %.4f (built-in, trainLimit)%n",
                    idx.values().stream().mapToInt(b -> b.length).sum() / 1024,
                    idxMillis,
                    csv.values().stream().mapToInt(b -> b.length).sum() / 1024,
                    csvMillis,
                    accuracy,
                    onCsv.epochs().get(9).testAccuracy(),
                    onBuiltIn.epochs().get(9).testAccuracy());
            assertThat(accuracy)
                    .as("3,000 examples teach the seed network most digits")
                    .isGreaterThan(0.85);
            assertThat(onCsv.epochs())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("durationMs", "examplesPerSecond")
                    .isEqualTo(onIdx.epochs());
            assertThat(onBuiltIn.epochs())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("durationMs", "examplesPerSecond")
                    .isEqualTo(onIdx.epochs());
        }
    }
}
