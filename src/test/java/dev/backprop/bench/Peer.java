package dev.backprop.bench;

import dev.backprop.bench.BenchmarkNetworks.Network;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PyTorch peer ({@code ../shared/bench/torch_mlp.py}) run as a process on the same data. */
final class Peer {

    /** Variables these machines set for safety that slow OpenBLAS; the benchmark profile unsets them for us and the peer. */
    static final List<String> OPENBLAS_SAFETY_VARIABLES = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    private static final Pattern PEER_EPOCH = Pattern.compile("\"train_s\": ([0-9.]+), \"test_acc\": ([0-9.]+)");
    private static final Pattern PEER_BLAS = Pattern.compile("\"blas\": \"([a-z]+)\"");

    private final Path script;
    private final Path data;
    private final int limit;
    private final PrintStream out;

    Peer(Path script, Path data, int limit, PrintStream out) {
        this.script = script;
        this.data = data;
        this.limit = limit;
        this.out = out;
    }

    static boolean torchAvailable() {
        try {
            Process process = new ProcessBuilder("/usr/bin/python3", "-c", "import torch")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The peer at 1 and at 2 threads; the faster median is kept. */
    PeerRun best(Network network, String epochs) throws IOException, InterruptedException {
        PeerRun best = null;
        for (int threads = 1; threads <= 2; threads++) {
            double cutOff =
                    best == null ? Double.POSITIVE_INFINITY : 3 * best.run().medianSeconds();
            PeerRun run = run(network, epochs, threads, cutOff);
            if (run != null
                    && (best == null || run.run().medianSeconds() < best.run().medianSeconds())) {
                best = run;
            }
        }
        return best;
    }

    /**
     * One peer run, or null when one of its epochs took over {@code cutOff} seconds: such a run
     * cannot be the best (on a busy machine PyTorch's two threads fight OpenBLAS's, 100 times slower).
     */
    PeerRun run(Network network, String epochs, int threads, double cutOff) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), data.toString()));
        command.addAll(network.peerArguments());
        command.addAll(List.of("--epochs", epochs, "--threads", Integer.toString(threads)));
        if (limit > 0) {
            command.addAll(List.of("--train-limit", Integer.toString(limit)));
        }
        out.println();
        out.println("PyTorch " + network.key() + ", " + threads + " thread(s): " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Timed alike: the peer runs with the same environment as this JVM (the profile unset the safety variables).
        OPENBLAS_SAFETY_VARIABLES.forEach(builder.environment()::remove);
        Process process = builder.start();
        // Stops a run whose next epoch is overdue (the allowance covers start-up and loading MNIST).
        long[] lastEpoch = {System.nanoTime()};
        Thread watchdog = new Thread(() -> {
            while (process.isAlive()) {
                if ((System.nanoTime() - lastEpoch[0]) / 1e9 > cutOff + 30) {
                    process.destroy();
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        List<Double> seconds = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        String blas = "unknown";
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println("  " + line);
                Matcher matcher = PEER_EPOCH.matcher(line);
                if (matcher.find()) {
                    lastEpoch[0] = System.nanoTime();
                    seconds.add(Double.parseDouble(matcher.group(1)));
                    accuracies.add(Double.parseDouble(matcher.group(2)));
                    if (seconds.get(seconds.size() - 1) > cutOff) {
                        stopped(cutOff);
                        process.destroy();
                        process.waitFor();
                        return null;
                    }
                }
                Matcher blasMatcher = PEER_BLAS.matcher(line);
                if (blasMatcher.find()) {
                    blas = blasMatcher.group(1);
                }
            }
        }
        process.waitFor();
        watchdog.interrupt();
        if (process.exitValue() != 0 && Double.isFinite(cutOff)) {
            stopped(cutOff);
            return null;
        }
        if (seconds.isEmpty()) {
            throw new IllegalStateException("the peer printed no epochs");
        }
        if ("reference".equals(blas)) {
            out.println("  REFUSED: this peer ran on the reference BLAS; install libopenblas0-pthread for a fair one");
        }
        return new PeerRun(new Run("PyTorch " + network.key(), seconds, accuracies, null, blas), blas, threads);
    }

    private void stopped(double cutOff) {
        out.printf(Locale.ROOT, "  stopped: an epoch took over 3 times the other run's median (%.3f s)%n", cutOff / 3);
    }
}
