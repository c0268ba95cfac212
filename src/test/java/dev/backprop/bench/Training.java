package dev.backprop.bench;

import dev.backprop.bench.BenchmarkNetworks.Network;
import dev.backprop.dataset.Dataset;
import dev.backprop.engine.EpochResult;
import dev.backprop.engine.Trainer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.engine.TrainingKernels;
import dev.backprop.engine.TrainingMonitor;
import dev.backprop.engine.TrainingResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains one network of the speed check in this JVM and keeps its figures. {@code threads} is 0 for the
 * service's default ({@code threads-per-job=auto}: the trainer times its first steps on one thread and on
 * two and keeps the faster), or a fixed number.
 */
final class Training {

    private final PrintStream out;

    Training(PrintStream out) {
        this.out = out;
    }

    Run train(Network network, Dataset mnist, int threads) {
        return train(network.name(), network.config(), mnist, threads);
    }

    Run train(String name, TrainingConfig config, Dataset mnist, int threads) {
        out.println();
        Trainer trainer = threads == 0 ? Trainer.choosingThreads(config, null) : new Trainer(config, threads);
        String[] kernels = {trainer.kernels().toString() + (threads == 0 ? " (before auto's choice)" : "")};
        out.println(name + " (" + (threads == 0 ? "auto threads" : threads + " thread(s)") + "):");
        List<Double> seconds = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        TrainingResult result = trainer.train(mnist.training(), mnist.test(), new TrainingMonitor() {
            @Override
            public void threadsChosen(TrainingKernels chosen, String reason) {
                kernels[0] = chosen + "; " + reason;
                out.println("  " + reason);
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
        return new Run(name, seconds, accuracies, result.network().freeze(), kernels[0]);
    }
}
