package dev.backprop.bench;

import dev.backprop.engine.DenseProductProbe;
import dev.backprop.engine.DenseProductProbe.Timing;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's dense-product row: the engine's products at the [784,1024,1024,10] network's shapes
 * (batch 128) against OpenBLAS {@code sgemm} called straight in the same JVM; the goal is 80%.
 */
final class DenseProductReport {

    private static final int BATCH = 128;
    private static final int REPETITIONS = 41;

    private DenseProductReport() {}

    /** Prints each product's figures and answers the table's row, or null where no native BLAS loaded. */
    static String measure(PrintStream out) {
        List<Timing> all = new ArrayList<>();
        out.println();
        for (int[] shape : new int[][] {{1024, 784}, {1024, 1024}}) {
            List<Timing> timings = DenseProductProbe.time(shape[0], shape[1], BATCH, REPETITIONS);
            if (timings == null) {
                out.println("dense products: no native BLAS loaded, nothing to compare");
                return null;
            }
            for (Timing timing : timings) {
                out.printf(
                        Locale.ROOT,
                        "dense product %d×%d·%d×%d %s: ours %.3f ms (%.0f GFLOP/s), sgemm %.3f ms (%.0f GFLOP/s), %.0f%%%n",
                        shape[0],
                        shape[1],
                        shape[1],
                        BATCH,
                        timing.product(),
                        timing.oursNanos() / 1e6,
                        timing.flops() / timing.oursNanos(),
                        timing.blasNanos() / 1e6,
                        timing.flops() / timing.blasNanos(),
                        100 * timing.ratio());
                all.add(timing);
            }
        }
        double ours = all.stream().mapToDouble(Timing::oursNanos).sum();
        double blas = all.stream().mapToDouble(Timing::blasNanos).sum();
        double worst = all.stream().mapToDouble(Timing::ratio).min().orElseThrow();
        return String.format(
                Locale.ROOT,
                "| dense products at the [784,1024,1024,10] shapes, batch %d | %.0f%% of sgemm (worst product %.0f%%) | |"
                        + " | | ≥ 80%% %s | | | |",
                BATCH,
                100 * blas / ours,
                100 * worst,
                worst >= 0.8 ? "met" : "NOT met");
    }
}
