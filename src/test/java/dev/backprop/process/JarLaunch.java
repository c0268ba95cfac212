package dev.backprop.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * How the jar-level tests start the packaged service: either as users do ({@code java -jar} on the
 * packaged jar), or from the same jar extracted by Spring Boot's {@code jarmode=tools} with a class-data
 * archive made once per build. The archive halves a start's CPU time (measured: 24 s to 12 s of CPU on a
 * busy 2-core machine), and the jar-level tests start the service some 35 times. The archive is made under
 * a file lock beside the jar, so that parallel test forks make it once; when it cannot be made the
 * tests fall back to {@code java -jar}.
 *
 * <p>The extracted launch also stops the JIT at C1 and runs the engine's plain loops: these tests are
 * about faults, not speed, and C2 compiling the start-up code took half of each start's CPU (10.4 s to
 * 5.2 s of CPU to health UP; a build running only the jar-level tests took 3 min 54 s instead of
 * 5 min 45 s on the 2-core machine). The Vector API without C2 boxes every vector (a [784,100,10] epoch
 * took 33 s against 2 on plain loops), hence both. The vector kernels are tested in-process, and
 * {@link #packaged} keeps the launch users run.
 */
final class JarLaunch {

    private static final String VECTOR = "--add-modules=jdk.incubator.vector";
    private static List<String> extracted;

    private JarLaunch() {}

    /** {@code java -jar} on the packaged jar, exactly as the README and the Dockerfile run it. */
    static List<String> packaged(Path jar) {
        return List.of(java(), VECTOR, "-Xmx512m", "-jar", jar.toString());
    }

    /** The same classes, extracted, with the class-data archive; {@link #packaged} if that cannot be made. */
    static synchronized List<String> extracted(Path jar) {
        if (extracted == null) {
            extracted = makeExtracted(jar);
        }
        return extracted;
    }

    private static List<String> makeExtracted(Path jar) {
        try {
            // Named after the jar's time, so that a rebuilt jar never starts on a stale archive.
            Path dir = jar.resolveSibling(
                    "jar-launch-" + Files.getLastModifiedTime(jar).toMillis());
            Files.createDirectories(dir);
            Path extractedJar = dir.resolve("app").resolve(jar.getFileName());
            Path archive = dir.resolve("app.jsa");
            Path ready = dir.resolve("ready");
            try (FileChannel channel =
                            FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (!Files.exists(ready)) {
                    // What an attempt that did not finish left (the extract refuses a folder that is not empty).
                    FileSystemUtils.deleteRecursively(dir.resolve("app"));
                    Files.deleteIfExists(archive);
                    run(
                            dir.resolve("extract.log"),
                            java(),
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--destination",
                            dir.resolve("app").toString());
                    Path scratch = Files.createDirectories(dir.resolve("training-run"));
                    // A start that exits once the context is refreshed, writing the classes it loaded.
                    run(
                            dir.resolve("training-run.log"),
                            java(),
                            VECTOR,
                            "-Xmx512m",
                            "-XX:ArchiveClassesAtExit=" + archive,
                            "-XX:TieredStopAtLevel=1",
                            "-Dspring.context.exit=onRefresh",
                            "-jar",
                            extractedJar.toString(),
                            "--server.port=0",
                            "--backprop.storage.dir=" + scratch.resolve("store"),
                            "--backprop.datasets.dir=" + scratch.resolve("datasets"),
                            "--backprop.datasets.download=false",
                            "--backprop.training.warm-up=false");
                    Files.writeString(ready, "");
                }
            }
            if (!Files.isRegularFile(archive) || !Files.isRegularFile(extractedJar)) {
                return packaged(jar);
            }
            // -Xshare:auto (the default): a JVM that cannot map the archive runs without it.
            return List.of(
                    java(),
                    VECTOR,
                    "-Xmx512m",
                    "-XX:SharedArchiveFile=" + archive,
                    "-XX:TieredStopAtLevel=1",
                    "-Dbackprop.kernels.scalar=true",
                    "-jar",
                    extractedJar.toString());
        } catch (IOException | AssertionError e) {
            System.err.println("Starting the service with java -jar: no class-data archive (" + e.getMessage() + ")");
            return packaged(jar);
        }
    }

    private static void run(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    String.join(" ", command) + " exited with " + process.exitValue() + ", see " + log);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
