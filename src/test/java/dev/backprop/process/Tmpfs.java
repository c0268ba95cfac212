package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs of a test's own, mounted with {@code mount} (so as root): a disk that fills up at a size
 * the test chooses, or that the test turns read-only. Where mounting is not permitted the test is
 * skipped, saying why; in CI, which runs as root, it fails instead, so that it cannot be skipped unnoticed.
 */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code dir}, or skips the test where that is not permitted. */
    static Tmpfs mount(Path dir, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
        if (failure != null) {
            boolean root = "root".equals(System.getProperty("user.name"));
            if ("true".equals(System.getenv("CI")) && root) {
                throw new AssertionError("CI runs as root, yet a tmpfs could not be mounted: " + failure);
            }
            Assumptions.abort("needs to mount a tmpfs (as root), which is not permitted here: " + failure);
        }
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    void readOnly() throws IOException, InterruptedException {
        remount("ro");
    }

    void writable() throws IOException, InterruptedException {
        remount("rw");
    }

    private void remount(String mode) throws IOException, InterruptedException {
        String failure = run("mount", "-o", "remount," + mode, dir.toString());
        assertThat(failure).as("remount %s", mode).isNull();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not end within 30 s";
        }
        return process.exitValue() == 0 ? null : output.strip() + " (exit " + process.exitValue() + ")";
    }
}
