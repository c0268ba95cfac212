package dev.backprop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store folder's lock against another process, as the operating system sees it: a second JVM
 * (a one-file program) tries the same lock while this one holds it, and holds it while this one tries.
 */
class StoreFolderLockTest {

    private static final String OTHER_PROCESS = """
            import java.nio.channels.FileChannel;
            import java.nio.channels.FileLock;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            public class Other {
                public static void main(String[] args) throws Exception {
                    FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock();
                    System.out.println(lock == null ? "refused" : "locked");
                    System.out.flush();
                    if (lock != null && args.length > 1) {
                        System.in.read(); // holds the lock until the test closes its input
                    }
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    void anotherProcessCannotTakeTheFolderWhileAnyHolderInThisJvmKeepsIt() throws Exception {
        Path store = work.resolve("store");
        StoreFolderLock first = StoreFolderLock.take(store);
        StoreFolderLock second = StoreFolderLock.take(store);
        assertThat(otherProcessTries(store)).isEqualTo("refused");
        first.close();
        assertThat(otherProcessTries(store)).as("the second holder keeps it").isEqualTo("refused");
        second.close();
        assertThat(otherProcessTries(store)).isEqualTo("locked");
    }

    @Test
    void aFolderAnotherProcessHoldsIsRefusedSayingWhy() throws Exception {
        Path store = work.resolve("store");
        Files.createDirectories(store);
        Process other = otherProcess(store, true);
        try (BufferedReader answer =
                new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(answer.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> StoreFolderLock.take(store))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another process uses the store folder " + store.toAbsolutePath())
                    .hasMessageContaining("a folder of its own");
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (StoreFolderLock mine = StoreFolderLock.take(store)) {
            assertThat(otherProcessTries(store))
                    .as("taken once the other process ended")
                    .isEqualTo("refused");
        }
    }

    private String otherProcessTries(Path store) throws IOException, InterruptedException {
        Process other = otherProcess(store, false);
        String answer = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return answer;
    }

    private Process otherProcess(Path store, boolean hold) throws IOException {
        Path source = work.resolve("Other.java");
        if (!Files.exists(source)) {
            Files.writeString(source, OTHER_PROCESS);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String file = store.resolve(StoreFolderLock.FILE_NAME).toString();
        ProcessBuilder builder = hold
                ? new ProcessBuilder(java, source.toString(), file, "hold")
                : new ProcessBuilder(java, source.toString(), file);
        return builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
