package dev.backprop.bench;

import dev.backprop.bench.BenchmarkNetworks.Network;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The speed check's tables, in the README's form: one row per network, then the other goals, then threads. */
final class ResultTable {

    /** How far behind the peer's accuracy at the same epoch ours may fall. */
    static final double SHORTFALL = 0.005;

    private final PrintStream out;

    ResultTable(PrintStream out) {
        this.out = out;
    }

    void print(
            List<Network> networks,
            Map<String, Run> ours,
            Map<String, PeerRun> peers,
            List<String> otherRows,
            List<String> threadRows) {
        out.println();
        out.println("| network | ours s/epoch | kernels | peer s/epoch (BLAS, threads) | ratio | goal | "
                + "ours acc (epoch) | peer acc (epoch) | largest shortfall behind the peer, same epoch |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Network network : networks) {
            row(network, ours.get(network.key()), peers.get(network.key()));
        }
        otherRows.forEach(out::println);
        if (!threadRows.isEmpty()) {
            out.println();
            threadRows.forEach(out::println);
        }
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
            double times = theirs.medianSeconds() / median;
            ratio = peer.refused()
                    ? "refused: reference BLAS"
                    : String.format(Locale.ROOT, "%.2f× %s", times, times >= network.goal() ? "met" : "NOT met");
            int common = Math.min(run.accuracies().size(), theirs.accuracies().size());
            peerAccuracy =
                    String.format(Locale.ROOT, "%.4f (%d)", theirs.accuracies().get(common - 1), common);
            // How far ours fell behind the peer's at the same epoch, at worst (ahead counts as no shortfall).
            double shortfall = 0;
            for (int e = 0; e < common; e++) {
                shortfall = Math.max(
                        shortfall, theirs.accuracies().get(e) - run.accuracies().get(e));
            }
            gap = String.format(Locale.ROOT, "%.4f %s", shortfall, shortfall <= SHORTFALL ? "ok" : "OVER 0.005");
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
}
