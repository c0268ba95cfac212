package dev.backprop.bench;

import dev.backprop.bench.BenchmarkNetworks.Network;
import dev.backprop.dataset.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether {@code threads-per-job=auto} is as fast as the better fixed choice, network by network: the
 * benchmark's own run (auto, the service's default) against runs of its first few epochs on 1 and on 2
 * threads, compared on the median epoch after the first over those epochs; and how much the auto run's
 * steady epochs jitter (its slowest epoch after the first against their median).
 */
final class ThreadChoice {

    /** Auto may be this much slower than the better fixed choice (its calibration steps run on the slower one too). */
    static final double ALLOWED = 1.05;

    /** The slowest steady epoch may be this much over the median. */
    static final double JITTER = 1.25;

    private ThreadChoice() {}

    static List<String> rows(
            List<Network> networks, Map<String, Run> autoRuns, Dataset mnist, int epochs, Training training) {
        List<String> rows = new ArrayList<>();
        rows.add(
                "| network | auto s/epoch (its choice) | 1 thread | 2 threads | auto vs the better fixed (goal ≤ 1.05) "
                        + "| slowest / median steady epoch, auto (goal ≤ 1.25) |");
        rows.add("| --- | --- | --- | --- | --- | --- |");
        for (Network network : networks) {
            Network few = new Network(
                    network.key(),
                    network.name(),
                    network.config().withEpochs(epochs),
                    network.peerArguments(),
                    network.goal());
            Run auto = autoRuns.get(network.key());
            Run one = training.train(few, mnist, 1);
            Run two = training.train(few, mnist, 2);
            double better = Math.min(one.medianSeconds(), two.medianSeconds());
            double autoMedian = auto.medianSecondsOfFirst(epochs);
            double ratio = autoMedian / better;
            double jitter = auto.worstSeconds() / auto.medianSeconds();
            rows.add(String.format(
                    Locale.ROOT,
                    "| %s | %.3f (%s) | %.3f | %.3f | %.3f %s | %.2f %s |",
                    network.key(),
                    autoMedian,
                    auto.kernels(),
                    one.medianSeconds(),
                    two.medianSeconds(),
                    ratio,
                    ratio <= ALLOWED ? "met" : "NOT met",
                    jitter,
                    jitter <= JITTER ? "met" : "NOT met"));
        }
        return rows;
    }
}
