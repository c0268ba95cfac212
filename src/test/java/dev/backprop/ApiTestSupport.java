package dev.backprop;

import dev.backprop.dataset.IdxFiles;
import dev.backprop.job.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The running service on a random port, over real HTTP, with the memory store and a small synthetic
 * dataset standing in for {@code mnist} (2,000 training and 500 test images that a network learns in an
 * epoch), no other built-in dataset, and uploads limited to 2,500 images a part and 4 MB a request.
 * Test classes that share these settings share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
public abstract class ApiTestSupport {

    /** A short job on the synthetic digits. */
    public static final String SMALL_JOB = """
            {"name": "small", "layers": [784, 30, 10], "epochs": 2, "batchSize": 10, "seed": 7}""";

    private static final Path DATASETS = syntheticDatasets();

    @Autowired
    protected RestTestClient client;

    @LocalServerPort
    protected int port;

    private static Path syntheticDatasets() {
        try {
            Path dir = Files.createTempDirectory("backprop-datasets");
            IdxFiles.writeSyntheticDataset(dir.resolve("mnist"), 2000, 500);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void syntheticMnist(DynamicPropertyRegistry registry) {
        registry.add("backprop.storage.type", () -> "memory");
        registry.add("backprop.datasets.dir", DATASETS::toString);
        registry.add("backprop.datasets.download", () -> "false");
        // Only the synthetic datasets: not the Debian packages a machine may have installed.
        registry.add("backprop.datasets.search-dirs", () -> "");
        // Small limits, so that the tests can reach them with small uploads.
        registry.add("backprop.datasets.max-examples", () -> "2500");
        registry.add("backprop.datasets.max-upload-size", () -> "4MB");
    }

    protected Job submit(String json) {
        return jobs().submit(json);
    }

    protected Job get(String jobId) {
        return jobs().get(jobId);
    }

    /** Polls the job until it has finished, for at most {@code timeout}. */
    protected Job awaitFinished(String jobId, Duration timeout) {
        return jobs().awaitFinished(jobId, timeout);
    }

    protected BackpropClient jobs() {
        return new BackpropClient(client);
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
