package dev.backprop.bench;

import dev.backprop.bench.BenchmarkNetworks.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seed network's accuracy against the peer's as the median of nine seeds, epoch by epoch. Its
 * N(0, 1) weights make the first epochs a matter of luck: over seeds 1-9 both sides had two or three
 * runs whose sigmoids saturated (0.75-0.84 after the first epoch, against 0.90-0.92 for the rest), so
 * the median of three seeds put ours a point behind after one epoch and the median of nine 0.3 points.
 */
final class SeedSpread {

    static final int SEEDS = 9;

    private SeedSpread() {}

    /** The table's row: both sides' median accuracy by epoch and ours' largest shortfall behind the peer's. */
    static String row(List<Run> ours, List<Run> peers) {
        List<Double> mine = medians(ours);
        List<Double> theirs = medians(peers);
        int common = Math.min(mine.size(), theirs.size());
        double shortfall = 0;
        for (int e = 0; e < common; e++) {
            shortfall = Math.max(shortfall, theirs.get(e) - mine.get(e));
        }
        return String.format(
                Locale.ROOT,
                "| seed, accuracy by epoch as the median of seeds 1-%d (ours %s; peer %s) | | | | | | %.4f (%d) | %.4f (%d)"
                        + " | %.4f %s |",
                SEEDS,
                format(mine.subList(0, common)),
                format(theirs.subList(0, common)),
                mine.get(common - 1),
                common,
                theirs.get(common - 1),
                common,
                shortfall,
                shortfall <= 0.005 ? "ok" : "OVER 0.005");
    }

    /** The seed network with another seed, trained for {@code epochs}; the peer's arguments name the seed too. */
    static Network withSeed(Network seed, long value, int epochs) {
        List<String> peerArguments = new ArrayList<>(seed.peerArguments());
        peerArguments.addAll(List.of("--seed", Long.toString(value)));
        return new Network(
                seed.key(),
                seed.name() + ", seed " + value,
                seed.config().toBuilder().seed(value).epochs(epochs).build(),
                peerArguments,
                seed.goal());
    }

    private static List<Double> medians(List<Run> runs) {
        int epochs =
                runs.stream().mapToInt(run -> run.accuracies().size()).min().orElse(0);
        List<Double> medians = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            int epoch = e;
            double[] values = runs.stream()
                    .mapToDouble(run -> run.accuracies().get(epoch))
                    .sorted()
                    .toArray();
            medians.add(values[values.length / 2]);
        }
        return medians;
    }

    private static String format(List<Double> values) {
        return String.join(
                " ",
                values.stream().map(v -> String.format(Locale.ROOT, "%.4f", v)).toList());
    }
}
