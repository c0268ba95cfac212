package dev.backprop.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load from {@code wrk} (Debian's package {@code wrk}), a load generator written in C: the same POST sent
 * back to back over a number of connections for a number of seconds. Driving {@code /v2/…/infer} from
 * the JDK's HttpClient in the service's own JVM measured the client more than the service (2026-12-05,
 * the project's 2-core machine): one connection's 200 KB binary request took 3.4–3.9 ms from it against
 * 1.3 ms from curl, and 16 of its connections reached 71,000–161,000 images/s in the speed check's runs
 * of that day where wrk's reached 240,000–426,000 the same evening.
 */
final class WrkLoad {

    private static final Pattern ANSWERED =
            Pattern.compile("answered (\\d+) requests in (\\d+) us, (\\d+) not 2xx, (\\d+) socket errors");

    private final String executable;
    private final int threads;

    private WrkLoad(String executable, int threads) {
        this.executable = executable;
        this.threads = threads;
    }

    /** wrk, when it runs here; one load thread per core, as wrk's own examples do. */
    static Optional<WrkLoad> find() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version")
                    .redirectErrorStream(true)
                    .start();
            String banner = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            probe.waitFor(10, TimeUnit.SECONDS);
            return banner.startsWith("wrk ")
                    ? Optional.of(new WrkLoad("wrk", Runtime.getRuntime().availableProcessors()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    String describe() {
        return "wrk, " + threads + " threads";
    }

    /**
     * Requests answered 2xx per second while {@code connections} connections POST {@code body} with
     * {@code headers} to {@code uri} for {@code seconds}.
     *
     * @throws IllegalStateException when any answer was not 2xx or a connection failed
     */
    double requestsPerSecond(URI uri, byte[] body, Map<String, String> headers, int connections, double seconds)
            throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("wrk");
        try {
            Path bodyFile = Files.write(folder.resolve("body"), body);
            Path script = Files.writeString(folder.resolve("post.lua"), script(bodyFile, headers));
            Process wrk = new ProcessBuilder(
                            executable,
                            "--threads",
                            Integer.toString(Math.min(threads, connections)),
                            "--connections",
                            Integer.toString(connections),
                            "--duration",
                            Math.max(1, Math.round(seconds)) + "s",
                            "--timeout", // wrk's 2 s would count the first JSON batches, still interpreted, as failures
                            "60s",
                            "--script",
                            script.toString(),
                            uri.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(Math.round(seconds) + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            Matcher answered = ANSWERED.matcher(output);
            if (!answered.find()) {
                throw new IllegalStateException("wrk said nothing of its requests: " + output);
            }
            long requests = Long.parseLong(answered.group(1));
            long micros = Long.parseLong(answered.group(2));
            long refused = Long.parseLong(answered.group(3));
            long failed = Long.parseLong(answered.group(4));
            if (refused > 0 || failed > 0) {
                throw new IllegalStateException(String.format(
                        Locale.ROOT, "%d of %d answers were not 2xx, %d socket errors", refused, requests, failed));
            }
            return requests / (micros / 1e6);
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    /** The Lua script wrk runs: the body read once from a file, and a last line with the counts. */
    private static String script(Path body, Map<String, String> headers) {
        StringBuilder lua = new StringBuilder();
        lua.append("local file = io.open(\"").append(body).append("\", \"rb\")\n");
        lua.append("wrk.method = \"POST\"\nwrk.body = file:read(\"*a\")\nfile:close()\n");
        headers.forEach((name, value) -> lua.append("wrk.headers[\"")
                .append(name)
                .append("\"] = \"")
                .append(value)
                .append("\"\n"));
        lua.append("done = function(summary, latency, requests)\n")
                .append("  local e = summary.errors\n")
                .append("  io.write(string.format(\"answered %d requests in %d us, %d not 2xx, %d socket errors\\n\",")
                .append(" summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout))\n")
                .append("end\n");
        return lua.toString();
    }
}
