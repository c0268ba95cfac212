package dev.backprop.bench;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.IdxFolder;
import dev.backprop.engine.Diagnosis;
import dev.backprop.engine.DiagnosticsSettings;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.engine.TrainingMonitor;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the per-layer diagnostics cost a seed-network job, on the real MNIST: whole runs (training and
 * the test evaluation after every epoch, as a job does) with the default diagnostics (a probe of 1,000
 * examples at every epoch's end, and once before training) and without, alternated so that a busy
 * spell of the machine falls on both. Besides the runs' wall times, which other work on the machine
 * blurs, it times the measurements themselves: each epoch's probe is measured between the epoch's last
 * batch and the {@code diagnosed} call, so that gap is the probe's cost.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp … dev.backprop.bench.DiagnosticsCost [MNIST dir] [rounds] [epochs]}
 */
public final class DiagnosticsCost {

    private DiagnosticsCost() {}

    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/datasets/mnist");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Dataset mnist = new IdxFolder(folder).load("mnist");
        TrainingConfig seed = TrainingConfig.seedNetwork(1).withEpochs(epochs);
        double[] without = new double[rounds];
        double[] with = new double[rounds];
        double[] probe = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            without[round] = run(new Trainer(seed, 2), mnist, null);
            double[] spent = {0};
            with[round] = run(new Trainer(seed, 2, DiagnosticsSettings.defaults()), mnist, spent);
            probe[round] = spent[0];
            System.out.printf(
                    "round %d: without %.2f s, with %.2f s, of which measuring %.3f s (%.2f%%)%n",
                    round + 1, without[round], with[round], probe[round], 100 * probe[round] / with[round]);
        }
        Arrays.sort(without);
        Arrays.sort(with);
        Arrays.sort(probe);
        System.out.printf(
                "seed network, %d epochs, %d rounds: median wall %.2f s without, %.2f s with (ratio %.3f);"
                        + " median measuring %.3f s = %.2f%% of the job%n",
                epochs,
                rounds,
                without[rounds / 2],
                with[rounds / 2],
                with[rounds / 2] / without[rounds / 2],
                probe[rounds / 2],
                100 * probe[rounds / 2] / with[rounds / 2]);
    }

    /** The run's wall seconds; with {@code spent} non-null, the seconds spent measuring are added into it. */
    private static double run(Trainer trainer, Dataset mnist, double[] spent) {
        long started = System.nanoTime();
        long[] lastBatch = {started};
        trainer.train(mnist.training(), mnist.test(), new TrainingMonitor() {
            @Override
            public void batchFinished(int epoch, int examplesDone, int examplesPerEpoch) {
                lastBatch[0] = System.nanoTime();
            }

            @Override
            public void diagnosed(Diagnosis diagnosis) {
                // Before training the gap also holds drawing the weights: a little more than the probe alone.
                spent[0] += (System.nanoTime() - lastBatch[0]) / 1e9;
            }
        });
        return (System.nanoTime() - started) / 1e9;
    }
}
