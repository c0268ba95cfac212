package dev.backprop.dataset;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dataset mirror on localhost for tests: serves files under named mirrors, each mirror behaving as
 * told (the right bytes, other bytes, a connection dropped half way, a stall, a 404). Never the internet.
 */
public final class MirrorServer implements AutoCloseable {

    /** How a mirror answers. */
    public enum Behaviour {
        SERVE,
        DROP_HALF_WAY,
        STALL_HALF_WAY,
        NOT_FOUND
    }

    private record Mirror(Behaviour behaviour, Map<String, byte[]> files) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public MirrorServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Serves {@code files} (name → bytes) under {@code /<mirror>/}; returns the mirror's base URL. */
    public URI mirror(String mirror, Behaviour behaviour, Map<String, byte[]> files) {
        mirrors.put(mirror, new Mirror(behaviour, Map.copyOf(files)));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + mirror + "/");
    }

    /** A URL on a port where nothing listens. */
    public static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/closed/");
        }
    }

    /** Requests answered so far. */
    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/", 3);
            Mirror mirror = path.length == 3 ? mirrors.get(path[1]) : null;
            byte[] file = mirror == null ? null : mirror.files().get(path[2]);
            if (file == null || mirror.behaviour() == Behaviour.NOT_FOUND) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, file.length);
            OutputStream body = exchange.getResponseBody();
            switch (mirror.behaviour()) {
                case SERVE -> body.write(file);
                case DROP_HALF_WAY -> {
                    body.write(file, 0, file.length / 2);
                    body.flush();
                    // Closing the exchange now ends the connection short of the declared length.
                }
                case STALL_HALF_WAY -> {
                    body.write(file, 0, file.length / 2);
                    body.flush();
                    sleep(3_000);
                }
                default -> throw new IllegalStateException();
            }
        } catch (IOException e) {
            // The client gave up, or the drop above: either is the point of the test.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
