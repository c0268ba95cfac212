package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.dataset.MirrorServer.Behaviour;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The catalogue fetching a built-in dataset on first use, from a mirror on localhost serving a small
 * synthetic dataset published with its own checksums.
 */
class BuiltInDownloadTest {

    private static final Map<String, byte[]> FILES = files();

    private final MirrorServer server = new MirrorServer();

    @TempDir
    Path datasets;

    @TempDir
    Path packages;

    BuiltInDownloadTest() throws IOException {}

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, byte[]> files() {
        byte[][] train = IdxFiles.syntheticDigits(300, 1);
        byte[][] test = IdxFiles.syntheticDigits(100, 2);
        Map<String, byte[]> files = new HashMap<>();
        files.put("train-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(train[0], 300, 28, 28)));
        files.put("train-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(train[1])));
        files.put("t10k-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(test[0], 100, 28, 28)));
        files.put("t10k-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(test[1])));
        return Map.copyOf(files);
    }

    private static BuiltInDataset tiny(List<URI> mirrors) {
        List<RemoteFile> published = new ArrayList<>();
        FILES.forEach((name, bytes) ->
                published.add(new RemoteFile(name, bytes.length, DatasetDownloaderTest.sha256(bytes))));
        return new BuiltInDataset(
                "tiny", "synthetic squares", 300, 100, BuiltInDataset.MNIST.classNames(), mirrors, published);
    }

    private DatasetCatalog catalog(boolean download, List<URI> mirrors, List<Path> searchDirs) {
        DatasetProperties properties = new DatasetProperties(
                datasets,
                searchDirs,
                download,
                Map.of(),
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                DataSize.ofMegabytes(10),
                1000,
                null,
                null);
        return new DatasetCatalog(
                properties,
                new InMemoryUploadStore(),
                List.of(tiny(mirrors)),
                new DatasetDownloader(properties.connectTimeout(), properties.readTimeout()));
    }

    @Test
    void aMissingDatasetIsDownloadedOnFirstUseAndThenReadFromDisk() {
        URI mirror = server.mirror("good", Behaviour.SERVE, FILES);
        DatasetCatalog catalog = catalog(true, List.of(mirror), List.of());

        DatasetInfo before = catalog.describe("tiny");
        assertThat(before.available()).isTrue();
        assertThat(before.filesPresent()).isFalse();
        assertThat(before.folder())
                .isEqualTo(datasets.resolve("tiny").toAbsolutePath().toString());
        assertThat(server.requests()).as("describing does not download").isZero();

        Dataset data = catalog.load("tiny");

        assertThat(data.training().count()).isEqualTo(300);
        assertThat(data.test().count()).isEqualTo(100);
        assertThat(server.requests()).isEqualTo(4);
        FILES.forEach((name, bytes) ->
                assertThat(datasets.resolve("tiny").resolve(name)).hasBinaryContent(bytes));
        assertThat(catalog.describe("tiny").filesPresent()).isTrue();

        // A new service on the same folder finds the files and fetches nothing.
        Dataset again = catalog(true, List.of(mirror), List.of()).load("tiny");
        assertThat(again.training().count()).isEqualTo(300);
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void aTamperedMirrorIsPassedOverForTheNextOne() {
        Map<String, byte[]> tampered = new HashMap<>(FILES);
        byte[] images = tampered.get("train-images-idx3-ubyte.gz").clone();
        images[images.length / 3] ^= 0x10;
        tampered.put("train-images-idx3-ubyte.gz", images);
        DatasetCatalog catalog = catalog(
                true,
                List.of(
                        server.mirror("tampered", Behaviour.SERVE, tampered),
                        server.mirror("good", Behaviour.SERVE, FILES)),
                List.of());

        assertThat(catalog.load("tiny").training().count()).isEqualTo(300);
        assertThat(datasets.resolve("tiny").resolve("train-images-idx3-ubyte.gz"))
                .hasBinaryContent(FILES.get("train-images-idx3-ubyte.gz"));
    }

    @Test
    void whenEveryMirrorFailsTheErrorSaysWhatToPutWhere() throws IOException {
        DatasetCatalog catalog = catalog(
                true,
                List.of(server.mirror("dropped", Behaviour.DROP_HALF_WAY, FILES), MirrorServer.closedPort()),
                List.of());

        assertThatThrownBy(() -> catalog.load("tiny"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageStartingWith("dataset 'tiny' could not be downloaded: could not download ")
                .hasMessageContaining("the connection ended after")
                .hasMessageContaining("cannot connect")
                .hasMessageContaining("put train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                        + "t10k-labels-idx1-ubyte (each raw or .gz) into "
                        + datasets.resolve("tiny").toAbsolutePath());
        try (var left = Files.list(datasets.resolve("tiny"))) {
            assertThat(left).as("no partial download is left").isEmpty();
        }
    }

    @Test
    void withDownloadingOffAMissingDatasetIsUnavailableWithoutAnyRequest() {
        DatasetCatalog catalog = catalog(false, List.of(server.mirror("good", Behaviour.SERVE, FILES)), List.of());

        DatasetInfo info = catalog.describe("tiny");
        assertThat(info.available()).isFalse();
        assertThat(info.unavailableReason())
                .startsWith(
                        "dataset 'tiny' is not available: downloading is off (backprop.datasets.download=false); put ")
                .endsWith("into " + datasets.resolve("tiny").toAbsolutePath());
        assertThatThrownBy(() -> catalog.requireAvailable("tiny"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessage(info.unavailableReason());
        assertThatThrownBy(() -> catalog.load("tiny")).isInstanceOf(DatasetUnavailableException.class);
        assertThat(server.requests()).isZero();
    }

    @Test
    void aCompleteFolderInASearchDirectoryIsUsedAsItIs() throws IOException {
        Path installed = packages.resolve("tiny");
        Files.createDirectories(installed);
        for (var file : FILES.entrySet()) {
            Files.write(installed.resolve(file.getKey()), file.getValue());
        }
        DatasetCatalog catalog =
                catalog(false, List.of(server.mirror("good", Behaviour.SERVE, FILES)), List.of(packages));

        DatasetInfo info = catalog.describe("tiny");
        assertThat(info.available()).isTrue();
        assertThat(info.filesPresent()).isTrue();
        assertThat(info.folder()).isEqualTo(installed.toAbsolutePath().toString());
        assertThat(catalog.load("tiny").test().count()).isEqualTo(100);
        assertThat(server.requests()).isZero();
    }

    @Test
    void onlyTheMissingFilesAreFetched() throws IOException {
        Path cache = datasets.resolve("tiny");
        Files.createDirectories(cache);
        Files.write(cache.resolve("train-images-idx3-ubyte.gz"), FILES.get("train-images-idx3-ubyte.gz"));
        DatasetCatalog catalog = catalog(true, List.of(server.mirror("good", Behaviour.SERVE, FILES)), List.of());

        assertThat(catalog.load("tiny").training().count()).isEqualTo(300);
        assertThat(server.requests()).isEqualTo(3);
    }
}
