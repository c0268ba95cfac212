package dev.backprop.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stoplight Prism ({@code clients/typescript/node_modules}, from {@code npm ci} there) as a validating proxy
 * in front of a service: with {@code --errors} any response that breaks the document becomes Prism's own
 * 500 problem of type {@code …/prism/errors#VIOLATIONS}. Requests are not validated, so that the tests'
 * deliberately bad requests still reach the service and their problems are checked.
 */
final class Prism implements AutoCloseable {

    static final Path CLIENT = Path.of("clients/typescript").toAbsolutePath();
    static final String VIOLATIONS = "prism/errors#VIOLATIONS";

    private final Process process;
    private final int port;

    private Prism(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(CLIENT.resolve("node_modules/.bin/prism"));
    }

    static Prism proxy(Path document, int upstreamPort, Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of(
                        CLIENT.resolve("node_modules/.bin/prism").toString(),
                        "proxy",
                        document.toString(),
                        "http://127.0.0.1:" + upstreamPort,
                        "--errors",
                        "--validate-request=false",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Prism prism = new Prism(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return prism;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prism exited: " + Files.readString(log));
                }
                Thread.sleep(200);
            }
        }
        prism.close();
        throw new IllegalStateException("prism did not listen within 90 s: " + Files.readString(log));
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
