package dev.backprop.process;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, a free loopback port), which the
 * test may stop, start and restart under the service, as an operator or a failing host would. Needs the
 * PostgreSQL server binaries (.ci/run installs them); without them the test skips, saying so, except
 * with {@code CI=true}, where it fails.
 */
final class OwnPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;

    private OwnPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    static OwnPostgres start() throws IOException, InterruptedException {
        Path bin = serverBinaries();
        Path dir = Files.createTempDirectory("backprop-own-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OwnPostgres postgres = new OwnPostgres(bin, dir, port);
        if (root()) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        postgres.asOwner("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust");
        postgres.start(true);
        postgres.asOwner(
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-q",
                "-c",
                "CREATE ROLE backprop LOGIN PASSWORD 'backprop'",
                "-c",
                "CREATE DATABASE backprop OWNER backprop");
        return postgres;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/backprop";
    }

    /** Starts the stopped server and waits until it accepts connections. */
    void start(boolean wait) throws IOException, InterruptedException {
        asOwner(
                "pg_ctl",
                "-D",
                dir.resolve("data").toString(),
                "-l",
                dir.resolve("server.log").toString(),
                wait ? "-w" : "-W",
                "-o",
                "-h 127.0.0.1 -p " + port + " -k " + dir + " -c max_connections=100",
                "start");
    }

    /** Stops the server at once, disconnecting every client ({@code -m fast}), as a restart or a failover does. */
    void stop() throws IOException, InterruptedException {
        asOwner("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    /** {@code pg_ctl restart -m fast}: every connection dropped, the server back within a second or two. */
    void restart() throws IOException, InterruptedException {
        asOwner(
                "pg_ctl",
                "-D",
                dir.resolve("data").toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-m",
                "fast",
                "-w",
                "-o",
                "-h 127.0.0.1 -p " + port + " -k " + dir + " -c max_connections=100",
                "restart");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } catch (IOException | AssertionError alreadyStopped) {
            // Nothing to stop.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private void asOwner(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path serverBinaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> each = Files.list(versions)) {
                var newest = each.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(bin -> Integer.parseInt(
                                bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("no PostgreSQL server binaries under /usr/lib/postgresql, and CI=true");
        }
        Assumptions.abort("skipped: no PostgreSQL server binaries under /usr/lib/postgresql");
        throw new IllegalStateException();
    }
}
