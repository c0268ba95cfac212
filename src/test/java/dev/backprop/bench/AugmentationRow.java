package dev.backprop.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.IdxFolder;
import dev.backprop.engine.TrainingConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The speed check's augmentation row alone ({@link Presets#augmentationCost}), as the full check measures
 * it, with the load average before and after; then longer alternated runs of the same two trainings,
 * reporting the median steady epoch and the process's CPU time an epoch of each. On a shared machine the
 * CPU time says what the distortions cost whoever else runs; the epoch time, what they cost a quiet one.
 *
 * <p>{@code java -Xmx512m --add-modules jdk.incubator.vector -cp … dev.backprop.bench.AugmentationRow [MNIST dir]
 * [rows] [rounds] [epochs]}
 */
public final class AugmentationRow {

    private AugmentationRow() {}

    public static void main(String[] args) {
        Dataset mnist = new IdxFolder(Path.of(args.length > 0 ? args[0] : "../shared/datasets/mnist")).load("mnist");
        mnist.training().sparse();
        mnist.test().sparse();
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Training quiet = new Training(new PrintStream(OutputStream.nullOutputStream()));
        for (int k = 0; k < rows; k++) {
            String before = Machine.loadAverage();
            String row = Presets.augmentationCost(mnist, 8, quiet);
            System.out.println(row + " load before " + before + ", after " + Machine.loadAverage());
        }
        if (rounds == 0) {
            return;
        }
        String before = Machine.loadAverage();
        List<double[]> without = new ArrayList<>();
        List<double[]> with = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            without.add(run(quiet, Presets.augmentationCostConfig(epochs, null), mnist));
            with.add(run(quiet, Presets.augmentationCostConfig(epochs, Presets.AUGMENTATION_COST), mnist));
        }
        System.out.printf(
                Locale.ROOT,
                "%d alternated runs of %d epochs each: median steady epoch %.3f s with against %.3f s without (%.2f×);"
                        + " process CPU %.3f s an epoch against %.3f s (%.2f×); load before %s, after %s%n",
                rounds,
                epochs,
                median(with, 0),
                median(without, 0),
                median(with, 0) / median(without, 0),
                median(with, 1),
                median(without, 1),
                median(with, 1) / median(without, 1),
                before,
                Machine.loadAverage());
    }

    /** One run's median steady epoch and its process CPU seconds an epoch (evaluation included). */
    private static double[] run(Training training, TrainingConfig config, Dataset mnist) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        Run run = training.train("", config, mnist, 0);
        return new double[] {run.medianSeconds(), (os.getProcessCpuTime() - cpu) / 1e9 / config.epochs()};
    }

    private static double median(List<double[]> runs, int k) {
        return Run.median(runs.stream().map(r -> r[k]).toList());
    }
}
