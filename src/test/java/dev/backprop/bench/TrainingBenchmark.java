package dev.backprop.bench;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.IdxFolder;
import dev.backprop.engine.Activation;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.Classifier;
import dev.backprop.engine.Engine;
import dev.backprop.engine.EpochResult;
import dev.backprop.engine.ExampleSet;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.engine.TrainingMonitor;
import dev.backprop.engine.TrainingResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backprop's own benchmark: trains the five networks of issue 10 on an MNIST folder, times batch
 * prediction with the trained seed model, and, when {@code /usr/bin/python3} has PyTorch, runs the
 * PyTorch peer on the same networks in the same run, at 1 and at 2 threads, keeping its faster. A peer
 * on the reference BLAS is refused: its figures are printed but no ratio. Epoch times are the trainer's
 * per-epoch training time (the service's {@code durationMs}); medians leave out the first epoch (JIT
 * warm-up), for us and the peer alike.
 *
 * <pre>
 * ./mvnw -Pbenchmark verify -Dbenchmark.args="--data ../shared/datasets/mnist"
 * options: --data DIR  --networks seed,modern,adam10,wide,deep (all)  --epochs N (per network's default)
 *          --seed-epochs N (30)  --peer-epochs N (3)  --train-limit N (all)
 *          --peer PATH (../shared/bench/torch_mlp.py)  --no-peer
 *          --no-explain (skips timing /explain over HTTP, {@link ExplanationLatency})
 * our training threads: -Dbackprop.bench.threads=1 (2, as the service)
 * </pre>
 */
public final class TrainingBenchmark {

    /** As the service trains by default (backprop.training.threads-per-job); 1 to compare. */
    private static final int THREADS = Integer.getInteger("backprop.bench.threads", 2);

    /** The seed of our runs (the peer's is 1); another to see how much an epoch's accuracy owes to it. */
    private static final long SEED = Long.getLong("backprop.bench.seed", 1);

    /** Variables these machines set for safety that slow OpenBLAS; the benchmark profile unsets them for us and the peer. */
    static final List<String> OPENBLAS_SAFETY_VARIABLES = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    private static final Pattern PEER_EPOCH = Pattern.compile("\"train_s\": ([0-9.]+), \"test_acc\": ([0-9.]+)");
    private static final Pattern PEER_BLAS = Pattern.compile("\"blas\": \"([a-z]+)\"");

    private final Map<String, String> options;
    private final PrintStream out;

    TrainingBenchmark(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
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

    /**
     * One network of the issue: our configuration, the peer's arguments for the same training, the goal
     * as a ratio of the peer's time to ours, and how many epochs each runs by default.
     */
    record Network(String key, String name, TrainingConfig config, List<String> peerArguments, double goal) {}

    static List<Network> networks(int seedEpochs, int epochs, int trainLimit) {
        return List.of(
                new Network(
                        "seed",
                        "seed [784,30,10] sigmoid/quadratic/SGD 3.0, batch 10",
                        seedConfig(seedEpochs, trainLimit),
                        List.of(),
                        10),
                new Network(
                        "modern",
                        "modern [784,128,64,10] ReLU/softmax/CE/Adam 0.001, batch 64",
                        adamConfig(List.of(784, 128, 64, 10), 64, epochs, trainLimit),
                        adamPeer("784,128,64,10", 64),
                        2.5),
                new Network(
                        "adam10",
                        "[784,100,10] ReLU/softmax/CE/Adam, batch 10",
                        adamConfig(List.of(784, 100, 10), 10, epochs, trainLimit),
                        adamPeer("784,100,10", 10),
                        4),
                new Network(
                        "wide",
                        "[784,1024,1024,10] ReLU/softmax/CE/Adam, batch 128",
                        adamConfig(List.of(784, 1024, 1024, 10), 128, epochs, trainLimit),
                        adamPeer("784,1024,1024,10", 128),
                        1.2),
                new Network(
                        "deep",
                        "[784,512,512,512,10] ReLU/softmax/CE/Adam, batch 256",
                        adamConfig(List.of(784, 512, 512, 512, 10), 256, epochs, trainLimit),
                        adamPeer("784,512,512,512,10", 256),
                        1.2));
    }

    private static List<String> adamPeer(String sizes, int batch) {
        return List.of(
                "--sizes",
                sizes,
                "--act",
                "relu",
                "--loss",
                "ce",
                "--opt",
                "adam",
                "--lr",
                "0.001",
                "--batch",
                Integer.toString(batch),
                "--init",
                "default");
    }

    /** Figures of one training run: per-epoch training seconds and test accuracies. */
    record Run(String name, List<Double> seconds, List<Double> accuracies, Classifier model, String kernels) {
        /** The median epoch after the first, which the JIT spends compiling (the same rule for the peer). */
        double medianSeconds() {
            return median(seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds);
        }

        double finalAccuracy() {
            return accuracies.get(accuracies.size() - 1);
        }
    }

    /** The peer's best run of one network, with the BLAS it ran on; refused when that is the reference BLAS. */
    record PeerRun(Run run, String blas, int threads) {
        boolean refused() {
            return "reference".equals(blas);
        }
    }

    void run() throws Exception {
        Path data = Path.of(options.getOrDefault("data", "../shared/datasets/mnist"))
                .toAbsolutePath()
                .normalize();
        long started = System.nanoTime();
        Dataset mnist = new IdxFolder(data).load("mnist");
        mnist.training().sparse();
        mnist.test().sparse();
        out.printf(
                Locale.ROOT,
                "Backprop benchmark: %s (%d training, %d test images) loaded in %.1f s%n",
                data,
                mnist.training().count(),
                mnist.test().count(),
                (System.nanoTime() - started) / 1e9);
        out.printf(
                Locale.ROOT,
                "JVM %s, %d cores, max heap %d MB, engine: %s, training threads: up to %d%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                Engine.describe(),
                THREADS);
        out.println("OpenBLAS safety variables in this process: " + safetyVariables());

        int limit = Integer.parseInt(options.getOrDefault("train-limit", "0"));
        int epochs = Integer.parseInt(options.getOrDefault("epochs", "3"));
        int seedEpochs = Integer.parseInt(options.getOrDefault("seed-epochs", "30"));
        List<String> chosen = List.of(
                options.getOrDefault("networks", "seed,modern,adam10,wide,deep").split(","));
        List<Network> networks = networks(seedEpochs, epochs, limit).stream()
                .filter(network -> chosen.contains(network.key()))
                .toList();

        Map<String, Run> ours = new LinkedHashMap<>();
        for (Network network : networks) {
            ours.put(network.key(), train(network, mnist));
        }
        Double imagesPerSecond = ours.containsKey("seed") ? predictionThroughput(ours.get("seed"), mnist) : null;
        String denseProducts = ours.containsKey("wide") ? DenseProductReport.measure(out) : null;
        List<String> explanations =
                options.containsKey("no-explain") ? List.of() : ExplanationLatency.rows(data, mnist.test(), out);

        Map<String, PeerRun> peers = new LinkedHashMap<>();
        String seedSpread = null;
        Path peer = Path.of(options.getOrDefault("peer", "../shared/bench/torch_mlp.py"));
        if (!options.containsKey("no-peer") && torchAvailable() && Files.isRegularFile(peer)) {
            String peerEpochs = options.getOrDefault("peer-epochs", "3");
            for (Network network : networks) {
                peers.put(network.key(), bestPeer(network, peer, data, limit, peerEpochs));
            }
            if (ours.containsKey("seed") && peers.get("seed") != null) {
                seedSpread = seedSpread(
                        networks.get(0), ours.get("seed"), peers.get("seed"), mnist, peer, data, limit, peerEpochs);
            }
        } else {
            out.println("PyTorch peer: not run (--no-peer, no torch in /usr/bin/python3, or no " + peer + ")");
        }

        out.println();
        out.println("| network | ours s/epoch | kernels | peer s/epoch (BLAS, threads) | ratio | goal | "
                + "ours acc (epoch) | peer acc (epoch) | largest shortfall behind the peer, same epoch |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Network network : networks) {
            row(network, ours.get(network.key()), peers.get(network.key()));
        }
        if (imagesPerSecond != null) {
            out.printf(
                    Locale.ROOT,
                    "| prediction, frozen seed model, 10,000 images | %,.0f images/s | | | | ≥ 3,000,000 | | | |%n",
                    imagesPerSecond);
        }
        explanations.forEach(out::println);
        if (seedSpread != null) {
            out.println(seedSpread);
        }
        if (denseProducts != null) {
            out.println(denseProducts);
        }
        out.printf(Locale.ROOT, "Peak RSS of this JVM: %d MB%n", peakRssKb() / 1024);
    }

    private static String safetyVariables() {
        StringBuilder set = new StringBuilder();
        for (String name : OPENBLAS_SAFETY_VARIABLES) {
            String value = System.getenv(name);
            if (value != null) {
                set.append(set.length() == 0 ? "" : ", ")
                        .append(name)
                        .append('=')
                        .append(value);
            }
        }
        return set.length() == 0 ? "none (unset, as the benchmark profile does)" : set + " (slower OpenBLAS)";
    }

    private void row(Network network, Run run, PeerRun peer) {
        double median = run.medianSeconds();
        String peerTime = "-";
        String ratio = "-";
        String peerAccuracy = "-";
        String gap = "-";
        if (peer != null) {
            Run theirs = peer.run();
            peerTime = String.format(Locale.ROOT, "%.3f (%s, %d)", theirs.medianSeconds(), peer.blas(), peer.threads());
            ratio = peer.refused()
                    ? "refused: reference BLAS"
                    : String.format(
                            Locale.ROOT,
                            "%.2f× %s",
                            theirs.medianSeconds() / median,
                            theirs.medianSeconds() / median >= network.goal() ? "met" : "NOT met");
            int common = Math.min(run.accuracies().size(), theirs.accuracies().size());
            peerAccuracy =
                    String.format(Locale.ROOT, "%.4f (%d)", theirs.accuracies().get(common - 1), common);
            // How far ours fell behind the peer's at the same epoch, at worst (ahead counts as no shortfall).
            double shortfall = 0;
            for (int e = 0; e < common; e++) {
                shortfall = Math.max(
                        shortfall, theirs.accuracies().get(e) - run.accuracies().get(e));
            }
            gap = String.format(Locale.ROOT, "%.4f %s", shortfall, shortfall <= 0.005 ? "ok" : "OVER 0.005");
        }
        out.printf(
                Locale.ROOT,
                "| %s | %.3f | %s | %s | %s | ≥ %.1f× | %.4f (%d) | %s | %s |%n",
                network.name(),
                median,
                run.kernels(),
                peerTime,
                ratio,
                network.goal(),
                run.finalAccuracy(),
                run.accuracies().size(),
                peerAccuracy,
                gap);
    }

    static TrainingConfig seedConfig(int epochs, int trainLimit) {
        return TrainingConfig.seedNetwork(SEED).withEpochs(epochs).withTrainLimit(trainLimit);
    }

    static TrainingConfig adamConfig(List<Integer> sizes, int batch, int epochs, int trainLimit) {
        return TrainingConfig.builder(new Architecture(sizes, Activation.RELU, Activation.SOFTMAX, false))
                .initializer(Initializer.UNIFORM_FAN_IN) // as the peer starts (--init default)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8))
                .epochs(epochs)
                .batchSize(batch)
                .trainLimit(trainLimit)
                .seed(SEED)
                .build();
    }

    Run train(Network network, Dataset mnist) {
        out.println();
        Trainer trainer = new Trainer(network.config(), THREADS);
        String kernels = trainer.kernels().toString();
        out.println(network.name() + " (" + kernels + "):");
        List<Double> seconds = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        TrainingResult result = trainer.train(mnist.training(), mnist.test(), new TrainingMonitor() {
            @Override
            public void epochFinished(EpochResult epoch) {
                seconds.add(epoch.durationNanos() / 1e9);
                accuracies.add(epoch.testAccuracy());
                out.printf(
                        Locale.ROOT,
                        "  epoch %2d: %.3f s, %,9.0f examples/s, test accuracy %.4f%n",
                        epoch.epoch(),
                        epoch.durationNanos() / 1e9,
                        epoch.examplesPerSecond(),
                        epoch.testAccuracy());
            }
        });
        return new Run(network.name(), seconds, accuracies, result.network().freeze(), kernels);
    }

    /** Images per second for the frozen seed model classifying the test images in one batch of up to 10,000. */
    private double predictionThroughput(Run seed, Dataset mnist) {
        ExampleSet test = mnist.test();
        int count = Math.min(10_000, test.count());
        float[] inputs = new float[count * 784];
        for (int e = 0; e < count; e++) {
            System.arraycopy(test.image(e), 0, inputs, e * 784, 784);
        }
        Classifier classifier = seed.model();
        double[] millis = new double[100];
        for (int k = 0; k < millis.length; k++) {
            long started = System.nanoTime();
            classifier.probabilities(inputs, count);
            millis[k] = (System.nanoTime() - started) / 1e6;
        }
        double[] measured = Arrays.copyOfRange(millis, 40, millis.length); // the JIT takes some 20 runs to settle
        double median = median(Arrays.stream(measured).boxed().toList());
        out.println();
        out.printf(
                Locale.ROOT,
                "prediction: %d images in one batch, median of %d runs %.2f ms (fastest %.2f ms)%n",
                count,
                measured.length,
                median,
                Arrays.stream(measured).min().orElseThrow());
        return count / (median / 1000);
    }

    private static boolean torchAvailable() {
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

    /** The seed network's accuracy row over {@link SeedSpread#SEEDS} seeds, ours and the peer's (on its faster thread count). */
    private String seedSpread(
            Network seed, Run first, PeerRun firstPeer, Dataset mnist, Path script, Path data, int limit, String epochs)
            throws IOException, InterruptedException {
        List<Run> ours = new ArrayList<>(List.of(first));
        List<Run> theirs = new ArrayList<>(List.of(firstPeer.run()));
        for (long value = 2; value <= SeedSpread.SEEDS; value++) {
            Network other = SeedSpread.withSeed(seed, value, Integer.parseInt(epochs));
            ours.add(train(other, mnist));
            PeerRun peerRun = peer(other, script, data, limit, epochs, firstPeer.threads(), Double.POSITIVE_INFINITY);
            if (peerRun == null || peerRun.refused()) {
                return null;
            }
            theirs.add(peerRun.run());
        }
        return SeedSpread.row(ours, theirs);
    }

    /** The peer at 1 and at 2 threads; the faster median is kept. */
    private PeerRun bestPeer(Network network, Path script, Path data, int limit, String epochs)
            throws IOException, InterruptedException {
        PeerRun best = null;
        for (int threads = 1; threads <= 2; threads++) {
            double cutOff =
                    best == null ? Double.POSITIVE_INFINITY : 3 * best.run().medianSeconds();
            PeerRun run = peer(network, script, data, limit, epochs, threads, cutOff);
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
    PeerRun peer(Network network, Path script, Path data, int limit, String epochs, int threads, double cutOff)
            throws IOException, InterruptedException {
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
                        out.printf(
                                Locale.ROOT,
                                "  stopped: an epoch took over 3 times the other run's median (%.3f s)%n",
                                cutOff / 3);
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
            out.printf(
                    Locale.ROOT, "  stopped: an epoch took over 3 times the other run's median (%.3f s)%n", cutOff / 3);
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

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
        return -1;
    }
}
