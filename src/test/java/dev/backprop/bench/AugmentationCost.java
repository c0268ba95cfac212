package dev.backprop.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.IdxFolder;
import dev.backprop.engine.Activation;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.EpochResult;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.engine.TrainingMonitor;
import dev.backprop.engine.augment.Augmentation;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What augmentation costs an epoch, on the real MNIST: runs of a few epochs with and without Simard's
 * distortions, alternated so that a busy spell of the machine falls on both; per run, the mean epoch's
 * training time (as {@code durationMs} reports it) and the process's CPU time over the whole run. Whole
 * runs, since each epoch's copy is distorted during the epoch before: a run of N epochs distorts N
 * copies, all within it. Medians and minima, since other work on the machine only ever adds time.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp … dev.backprop.bench.AugmentationCost [MNIST dir] [rounds]}
 */
public final class AugmentationCost {

    private static final Augmentation DISTORTIONS = new Augmentation(1, 8, 0.08, new Augmentation.Elastic(34, 5));
    private static final int EPOCHS = 4;

    private AugmentationCost() {}

    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/datasets/mnist");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Dataset mnist = new IdxFolder(folder).load("mnist");
        for (int[] network : new int[][] {{100, 64}, {800, 128}}) {
            List<double[]> plain = new ArrayList<>();
            List<double[]> augmented = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                plain.addAll(epochs(config(network[0], network[1], null), mnist));
                augmented.addAll(epochs(config(network[0], network[1], DISTORTIONS), mnist));
            }
            System.out.printf(
                    "[784,%d,10] batch %d, %d runs of %d epochs each:%n", network[0], network[1], rounds, EPOCHS);
            report("training time s/epoch", plain, augmented, 0);
            report("process CPU s/epoch", plain, augmented, 1);
        }
    }

    private static TrainingConfig config(int hidden, int batch, Augmentation augmentation) {
        return TrainingConfig.builder(
                        new Architecture(List.of(784, hidden, 10), Activation.RELU, Activation.SOFTMAX, false))
                .initializer(Initializer.HE)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8))
                .epochs(EPOCHS)
                .batchSize(batch)
                .augmentation(augmentation)
                .build();
    }

    /** One run's mean epoch: training seconds, and process CPU seconds over the whole run. */
    private static List<double[]> epochs(TrainingConfig config, Dataset mnist) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] training = {0};
        long cpu = os.getProcessCpuTime();
        new Trainer(config, 2).train(mnist.training(), null, new TrainingMonitor() {
            @Override
            public void epochFinished(EpochResult result) {
                training[0] += result.durationNanos();
            }
        });
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        return List.of(new double[] {training[0] / 1e9 / EPOCHS, cpuSeconds / EPOCHS});
    }

    private static void report(String what, List<double[]> plain, List<double[]> augmented, int k) {
        double[] a = plain.stream().mapToDouble(e -> e[k]).sorted().toArray();
        double[] b = augmented.stream().mapToDouble(e -> e[k]).sorted().toArray();
        double medianA = a[a.length / 2];
        double medianB = b[b.length / 2];
        System.out.printf(
                "  %-22s without %.3f (min %.3f), with %.3f (min %.3f): median ratio %.2f, min ratio %.2f%n",
                what, medianA, a[0], medianB, b[0], medianB / medianA, b[0] / a[0]);
    }
}
