package dev.backprop.bench;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.IdxFolder;
import dev.backprop.engine.Activation;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.Classifier;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backprop's own benchmark: trains the seed and the "modern" network on an MNIST folder, times batch
 * prediction, and, when {@code /usr/bin/python3} has PyTorch, runs the PyTorch peer on the same data in
 * the same run and prints the ratios. Epoch times are the trainer's per-epoch training time, the figure
 * the service reports as {@code durationMs}.
 *
 * <pre>
 * ./mvnw -Pbenchmark verify -Dbenchmark.args="--data ../shared/datasets/mnist"
 * options: --data DIR  --seed-epochs N (30)  --modern-epochs N (3)  --peer-seed-epochs N (5)
 *          --train-limit N (all)  --peer PATH (../shared/bench/torch_mlp.py)  --no-peer
 * </pre>
 */
public final class TrainingBenchmark {

    /** As the service trains by default (backprop.training.threads-per-job). */
    private static final int THREADS = 2;

    private static final Pattern PEER_EPOCH = Pattern.compile("\"train_s\": ([0-9.]+), \"test_acc\": ([0-9.]+)");

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

    /** Figures of one network: per-epoch training seconds and test accuracies. */
    record Run(String name, List<Double> seconds, List<Double> accuracies, int examplesPerEpoch, Classifier model) {
        /** The median epoch after the first, which the JIT spends compiling (the same rule for the peer). */
        double medianSeconds() {
            return median(seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds);
        }

        double finalAccuracy() {
            return accuracies.get(accuracies.size() - 1);
        }

        double bestAccuracy() {
            return accuracies.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
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
                "JVM %s, %d cores, max heap %d MB, kernels: %s, training threads: up to %d%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                dev.backprop.engine.Engine.kernels(),
                THREADS);

        int limit = Integer.parseInt(options.getOrDefault("train-limit", "0"));
        Run seed = train(
                "seed [784,30,10] sigmoid/quadratic/SGD η=3, batch 10",
                seedConfig(Integer.parseInt(options.getOrDefault("seed-epochs", "30")), limit),
                mnist);
        Run modern = train(
                "modern [784,128,64,10] ReLU/softmax/cross-entropy/Adam 0.001, batch 64, He",
                modernConfig(Integer.parseInt(options.getOrDefault("modern-epochs", "3")), limit),
                mnist);
        double imagesPerSecond = predictionThroughput(seed, mnist);

        Run peerSeed = null;
        Run peerModern = null;
        Path peer = Path.of(options.getOrDefault("peer", "../shared/bench/torch_mlp.py"));
        if (!options.containsKey("no-peer") && torchAvailable() && Files.isRegularFile(peer)) {
            String epochs = options.getOrDefault("peer-seed-epochs", "5");
            peerSeed = peer("PyTorch seed, 1 thread", peer, data, limit, "--threads", "1", "--epochs", epochs);
            peerModern = peer(
                    "PyTorch modern, 2 threads",
                    peer,
                    data,
                    limit,
                    "--sizes",
                    "784,128,64,10",
                    "--act",
                    "relu",
                    "--loss",
                    "ce",
                    "--opt",
                    "adam",
                    "--lr",
                    "0.001",
                    "--batch",
                    "64",
                    "--init",
                    "default",
                    "--threads",
                    "2",
                    "--epochs",
                    options.getOrDefault("modern-epochs", "3"));
        } else {
            out.println("PyTorch peer: not run (--no-peer, no torch in /usr/bin/python3, or no " + peer + ")");
        }

        out.println();
        out.println(
                "| network | s/epoch (median of epochs 2–n) | examples/s | final test acc | best | peer s/epoch | ratio |");
        out.println("| --- | --- | --- | --- | --- | --- | --- |");
        row(seed, peerSeed);
        row(modern, peerModern);
        out.printf(
                Locale.ROOT,
                "| prediction, frozen seed model, 10,000 images | | %,.0f images/s | | | | |%n",
                imagesPerSecond);
        out.printf(Locale.ROOT, "Peak RSS of this JVM: %d MB%n", peakRssKb() / 1024);
    }

    private void row(Run run, Run peer) {
        double median = run.medianSeconds();
        out.printf(
                Locale.ROOT,
                "| %s | %.3f | %,.0f | %.4f | %.4f | %s | %s |%n",
                run.name(),
                median,
                run.examplesPerEpoch() / median,
                run.finalAccuracy(),
                run.bestAccuracy(),
                peer == null ? "-" : String.format(Locale.ROOT, "%.3f", peer.medianSeconds()),
                peer == null ? "-" : String.format(Locale.ROOT, "%.1f×", peer.medianSeconds() / median));
    }

    static TrainingConfig seedConfig(int epochs, int trainLimit) {
        return TrainingConfig.seedNetwork(1).withEpochs(epochs).withTrainLimit(trainLimit);
    }

    static TrainingConfig modernConfig(int epochs, int trainLimit) {
        return new TrainingConfig(
                new Architecture(List.of(784, 128, 64, 10), Activation.RELU, Activation.SOFTMAX, false),
                Initializer.HE,
                Loss.CROSS_ENTROPY,
                new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8),
                epochs,
                64,
                0,
                0,
                0,
                trainLimit,
                0,
                1);
    }

    private Run train(String name, TrainingConfig config, Dataset mnist) {
        out.println();
        out.println(name + ":");
        List<Double> seconds = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        int[] examples = new int[1];
        TrainingResult result = new Trainer(config, THREADS)
                .train(mnist.training(), mnist.test(), new TrainingMonitor() {
                    @Override
                    public void batchFinished(int epoch, int done, int perEpoch) {
                        examples[0] = perEpoch;
                    }

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
        return new Run(name, seconds, accuracies, examples[0], result.network().freeze());
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

    private Run peer(String name, Path script, Path data, int limit, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), data.toString()));
        command.addAll(List.of(arguments));
        if (limit > 0) {
            command.addAll(List.of("--train-limit", Integer.toString(limit)));
        }
        out.println();
        out.println(name + ": " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Double> seconds = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println("  " + line);
                Matcher matcher = PEER_EPOCH.matcher(line);
                if (matcher.find()) {
                    seconds.add(Double.parseDouble(matcher.group(1)));
                    accuracies.add(Double.parseDouble(matcher.group(2)));
                }
            }
        }
        process.waitFor();
        if (seconds.isEmpty()) {
            throw new IllegalStateException("the peer printed no epochs");
        }
        return new Run(name, seconds, accuracies, limit > 0 ? limit : 60_000, null);
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
