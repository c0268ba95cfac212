package dev.backprop.bench;

import dev.backprop.bench.BenchmarkNetworks.Network;
import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.IdxFolder;
import dev.backprop.engine.Classifier;
import dev.backprop.engine.ExampleSet;
import dev.backprop.engine.KernelWarmUp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Backprop's own speed check: says what it runs on (CPU, cores, JDK, kernels, how busy the machine is),
 * warms the kernels as the service does at start-up, trains the five networks on an MNIST folder with the
 * service's default threads ({@code auto}), compares auto with 1 and 2 fixed threads, times batch
 * prediction in-process and {@code /v2} inference over loopback, the time to 99% and the cost of the
 * distortions, and, when {@code /usr/bin/python3} has PyTorch, runs the peer on the same networks at 1 and
 * 2 threads, keeping its faster. Epoch times are the trainer's per-epoch training time (the service's
 * {@code durationMs}); medians leave out the first epoch, for us and the peer alike.
 *
 * <pre>
 * ./mvnw -Pbenchmark verify -Dbenchmark.args="--data ../shared/datasets/mnist"
 * options: --data DIR  --networks seed,modern,adam10,wide,deep (all)  --epochs N (3)  --seed-epochs N (30)
 *          --peer-epochs N (3)  --train-limit N (all)  --peer PATH (../shared/bench/torch_mlp.py)  --no-peer
 *          --no-threads  --no-infer  --infer-seconds S (20)  --no-presets  --ninety-nine-epochs N (20)
 *          --augmentation-epochs N (8)  --warm-up-epochs N (10, as the service; 0 skips)  --busy-sample-ms N (3000)
 *          --no-explain (skips timing /explain over HTTP, {@link ExplanationLatency})
 * </pre>
 */
public final class TrainingBenchmark {

    private final Map<String, String> options;
    private final PrintStream out;
    private final Training training;

    TrainingBenchmark(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.training = new Training(out);
    }

    public static void main(String[] args) throws Exception {
        new TrainingBenchmark(parse(args), System.out).run();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int k = 0; k < args.length; k++) {
            if (!args[k].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[k]);
            }
            String name = args[k].substring(2);
            boolean flag = k + 1 == args.length || args[k + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++k]);
        }
        return options;
    }

    private int number(String option, int otherwise) {
        return Integer.parseInt(options.getOrDefault(option, Integer.toString(otherwise)));
    }

    void run() throws Exception {
        Path data = Path.of(options.getOrDefault("data", "../shared/datasets/mnist"))
                .toAbsolutePath()
                .normalize();
        Machine machine = Machine.here();
        out.println(machine.describe());
        double busyBefore = Machine.busyShare(number("busy-sample-ms", 3_000));
        String loadBefore = Machine.loadAverage();
        out.println("before the run: load average " + loadBefore + "; " + Machine.quietVerdict(busyBefore));
        out.println("OpenBLAS safety variables in this process: " + safetyVariables());
        long started = System.nanoTime();
        Dataset mnist = new IdxFolder(data).load("mnist");
        mnist.training().sparse();
        mnist.test().sparse();
        out.printf(
                Locale.ROOT,
                "%s (%d training, %d test images) loaded in %.1f s; max heap %d MB%n",
                data,
                mnist.training().count(),
                mnist.test().count(),
                (System.nanoTime() - started) / 1e9,
                Runtime.getRuntime().maxMemory() >> 20);
        int warmUp = number("warm-up-epochs", 10); // as the service at start-up (KernelWarmUpRunner)
        if (warmUp > 0) {
            out.printf(
                    Locale.ROOT,
                    "kernels warmed as at the service's start-up in %.1f s%n",
                    KernelWarmUp.run(warmUp) / 1e3);
        }

        int limit = number("train-limit", 0);
        int epochs = number("epochs", 3);
        List<String> chosen = List.of(
                options.getOrDefault("networks", "seed,modern,adam10,wide,deep").split(","));
        List<Network> networks = BenchmarkNetworks.all(number("seed-epochs", 30), epochs, limit).stream()
                .filter(network -> chosen.contains(network.key()))
                .toList();

        Map<String, Run> ours = new LinkedHashMap<>();
        for (Network network : networks) {
            ours.put(network.key(), training.train(network, mnist, 0));
        }
        List<String> rows = new ArrayList<>();
        if (ours.containsKey("seed")) {
            rows.add(firstEpochRow(ours.get("seed")));
            rows.addAll(predictionRows(ours.get("seed").model(), mnist.test()));
        }
        if (!options.containsKey("no-infer")) {
            rows.add(InferenceThroughput.row(data, mnist.test(), number("infer-seconds", 20), out));
        }
        if (!options.containsKey("no-presets")) {
            rows.add(Presets.timeTo99(mnist, number("ninety-nine-epochs", 20), limit, training));
            rows.add(Presets.augmentationCost(mnist, number("augmentation-epochs", 8), training));
        }
        if (ours.containsKey("wide")) {
            rows.add(DenseProductReport.measure(out));
        }
        if (!options.containsKey("no-explain")) {
            rows.addAll(ExplanationLatency.rows(data, mnist.test(), out));
        }
        List<String> threadRows = options.containsKey("no-threads")
                ? List.of()
                : ThreadChoice.rows(networks, ours, mnist, epochs, training);
        Map<String, PeerRun> peers = peers(networks, ours, mnist, data, limit, rows);

        new ResultTable(out).print(networks, ours, peers, rows, threadRows);
        out.printf(Locale.ROOT, "Peak RSS of this JVM: %d MB%n", peakRssKb() / 1024);
        out.println("after the run: load average " + Machine.loadAverage() + " (before: " + loadBefore + ")");
    }

    /** The peer's best run of every network, and the seed network's accuracy over nine seeds added to {@code rows}. */
    private Map<String, PeerRun> peers(
            List<Network> networks, Map<String, Run> ours, Dataset mnist, Path data, int limit, List<String> rows)
            throws IOException, InterruptedException {
        Map<String, PeerRun> peers = new LinkedHashMap<>();
        Path script = Path.of(options.getOrDefault("peer", "../shared/bench/torch_mlp.py"));
        if (options.containsKey("no-peer") || !Peer.torchAvailable() || !Files.isRegularFile(script)) {
            out.println("PyTorch peer: not run (--no-peer, no torch in /usr/bin/python3, or no " + script + ")");
            return peers;
        }
        Peer peer = new Peer(script, data, limit, out);
        String peerEpochs = options.getOrDefault("peer-epochs", "3");
        for (Network network : networks) {
            peers.put(network.key(), peer.best(network, peerEpochs));
        }
        PeerRun firstPeer = peers.get("seed");
        if (ours.containsKey("seed") && firstPeer != null && !firstPeer.refused()) {
            List<Run> mine = new ArrayList<>(List.of(ours.get("seed")));
            List<Run> theirs = new ArrayList<>(List.of(firstPeer.run()));
            for (long value = 2; value <= SeedSpread.SEEDS; value++) {
                Network other = SeedSpread.withSeed(networks.get(0), value, Integer.parseInt(peerEpochs));
                mine.add(training.train(other, mnist, 0));
                PeerRun run = peer.run(other, peerEpochs, firstPeer.threads(), Double.POSITIVE_INFINITY);
                if (run == null || run.refused()) {
                    return peers;
                }
                theirs.add(run.run());
            }
            rows.add(SeedSpread.row(mine, theirs));
        }
        return peers;
    }

    /** The seed network's first epoch against its steady one, after the start-up warm-up the service runs. */
    private static String firstEpochRow(Run seed) {
        double ratio = seed.seconds().get(0) / seed.medianSeconds();
        return String.format(
                Locale.ROOT,
                "| seed, epoch 1 / steady epoch (after the start-up warm-up) | %.3f s / %.3f s = %.2f× | | | %s | ≤ 2× | | | |",
                seed.seconds().get(0),
                seed.medianSeconds(),
                ratio,
                ratio <= 2 ? "met" : "NOT met");
    }

    /**
     * The frozen seed model classifying up to 10,000 test images in one batch, images per second: from floats,
     * as an embedding program holds them, and from raw 0–255 bytes, as binary UINT8 requests to
     * {@code /v2/…/infer} are answered (the same probabilities to the bit).
     */
    private List<String> predictionRows(Classifier classifier, ExampleSet test) {
        int count = Math.min(10_000, test.count());
        float[] floats = new float[count * 784];
        byte[] bytes = new byte[count * 784];
        for (int e = 0; e < count; e++) {
            System.arraycopy(test.image(e), 0, floats, e * 784, 784);
            for (int i = 0; i < 784; i++) {
                bytes[e * 784 + i] = (byte) test.pixel(e, i);
            }
        }
        double floatRate = predictionRate("floats", count, () -> classifier.probabilities(floats, count));
        double byteRate = predictionRate("raw bytes", count, () -> classifier.probabilities(bytes, 0, count));
        return List.of(predictionRow("", floatRate), predictionRow(", raw bytes", byteRate));
    }

    private double predictionRate(String input, int count, Runnable batch) {
        double[] millis = new double[100];
        for (int k = 0; k < millis.length; k++) {
            long started = System.nanoTime();
            batch.run();
            millis[k] = (System.nanoTime() - started) / 1e6;
        }
        double[] measured = Arrays.copyOfRange(millis, 40, millis.length); // the JIT takes some 20 runs to settle
        double median = Run.median(Arrays.stream(measured).boxed().toList());
        out.printf(Locale.ROOT, "%nprediction from %s: %d images in one batch, median %.2f ms%n", input, count, median);
        return count / (median / 1000);
    }

    private static String predictionRow(String input, double rate) {
        return String.format(
                Locale.ROOT,
                "| prediction, frozen seed model, 10,000 images%s | %,.0f images/s | | | %s | ≥ 3,000,000 | | | |",
                input,
                rate,
                rate >= 3_000_000 ? "met" : "NOT met");
    }

    private static String safetyVariables() {
        List<String> set = Peer.OPENBLAS_SAFETY_VARIABLES.stream()
                .filter(name -> System.getenv(name) != null)
                .map(name -> name + "=" + System.getenv(name))
                .toList();
        return set.isEmpty()
                ? "none (unset, as the benchmark profile does)"
                : String.join(", ", set) + " (slower OpenBLAS)";
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no figure.
        }
        return 0;
    }
}
