package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.dataset.MirrorServer.Behaviour;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a mirror on localhost that misbehaves in every way a real one can. */
@Tag("timed")
class DatasetDownloaderTest {

    private static final String NAME = "train-labels-idx1-ubyte.gz";
    private static final byte[] CONTENT = IdxFiles.gzip(IdxFiles.labels(IdxFiles.syntheticDigits(3000, 4)[1]));
    private static final RemoteFile FILE = new RemoteFile(NAME, CONTENT.length, sha256(CONTENT));

    private final MirrorServer server = new MirrorServer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DatasetDownloader downloader =
            new DatasetDownloader(Duration.ofSeconds(2), Duration.ofMillis(500), registry);

    @TempDir
    Path folder;

    DatasetDownloaderTest() throws IOException {}

    @AfterEach
    void stop() {
        server.close();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI serving(String mirror, Behaviour behaviour, byte[] content) {
        return server.mirror(mirror, behaviour, Map.of(NAME, content));
    }

    @Test
    void keepsAFileWhoseSizeAndChecksumMatch() throws IOException {
        downloader.download("tiny", List.of(FILE), List.of(serving("good", Behaviour.SERVE, CONTENT)), folder);
        assertThat(folder.resolve(NAME)).hasBinaryContent(CONTENT);
        assertThat(Files.list(folder)).as("no temporary files left").containsExactly(folder.resolve(NAME));
    }

    @Test
    void triesTheNextMirrorWhenOneSendsOtherBytes() throws IOException {
        byte[] other = CONTENT.clone();
        other[other.length / 2] ^= 1;
        downloader.download(
                "tiny",
                List.of(FILE),
                List.of(serving("tampered", Behaviour.SERVE, other), serving("good", Behaviour.SERVE, CONTENT)),
                folder);
        assertThat(folder.resolve(NAME)).hasBinaryContent(CONTENT);
        assertThat(server.requests()).isEqualTo(2);
        assertThat(registry.counter("backprop.dataset.downloads", "dataset", "tiny", "outcome", "failure")
                        .count())
                .isEqualTo(1);
        assertThat(registry.counter("backprop.dataset.downloads", "dataset", "tiny", "outcome", "success")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void whenEveryMirrorFailsNothingIsKeptAndEachReasonIsGiven() throws IOException {
        byte[] other = CONTENT.clone();
        other[10] ^= 1;
        byte[] longer = java.util.Arrays.copyOf(CONTENT, CONTENT.length + 5);
        List<URI> mirrors = List.of(
                serving("tampered", Behaviour.SERVE, other),
                serving("longer", Behaviour.SERVE, longer),
                serving("dropped", Behaviour.DROP_HALF_WAY, CONTENT),
                serving("stalled", Behaviour.STALL_HALF_WAY, CONTENT),
                serving("missing", Behaviour.NOT_FOUND, CONTENT),
                MirrorServer.closedPort());

        assertThatThrownBy(() -> downloader.download("tiny", List.of(FILE), mirrors, folder))
                .isInstanceOf(DatasetDownloader.DownloadFailedException.class)
                .hasMessageStartingWith("could not download " + NAME)
                .hasMessageContaining("/tampered/" + NAME + ": checksum mismatch: SHA-256 ")
                .hasMessageContaining("/longer/" + NAME + ": the mirror offers " + longer.length + " bytes, expected "
                        + CONTENT.length)
                .hasMessageContaining("/dropped/" + NAME + ": the connection ended after " + CONTENT.length / 2 + " of "
                        + CONTENT.length + " bytes")
                .hasMessageContaining("/stalled/" + NAME + ": timed out")
                .hasMessageContaining("/missing/" + NAME + ": HTTP 404")
                .hasMessageContaining("/closed/" + NAME + ": cannot connect");
        assertThat(Files.list(folder))
                .as("neither the file nor a temporary one")
                .isEmpty();
    }

    @Test
    void aStalledMirrorIsGivenUpAfterTheReadTimeout() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> downloader.download(
                        "tiny", List.of(FILE), List.of(serving("stalled", Behaviour.STALL_HALF_WAY, CONTENT)), folder))
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void refusesToStartWithoutMirrors() {
        assertThatThrownBy(() -> downloader.download("tiny", List.of(FILE), List.of(), folder))
                .hasMessage("no mirrors are configured for tiny");
    }

    @Test
    void theBuiltInDatasetsCarryEveryFileTheyNeed() {
        for (BuiltInDataset dataset : BuiltInDataset.ALL) {
            assertThat(dataset.files())
                    .extracting(RemoteFile::idxName)
                    .containsExactlyInAnyOrderElementsOf(BuiltInDataset.FILES);
            assertThat(dataset.mirrors())
                    .isNotEmpty()
                    .allSatisfy(mirror -> assertThat(mirror.toString()).endsWith("/"));
        }
    }
}
