package dev.backprop.bench;

import dev.backprop.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a benchmark ran on, so that its figures can be read on another machine: the CPU, the cores, the
 * JDK, the engine's kernels, and how busy the machine was. Busy is measured, not guessed: the share of
 * all cores' time that was not idle over a few seconds before the first run (from {@code /proc/stat}),
 * and the load average before and after. Another process's work only ever slows both sides.
 */
record Machine(String cpu, int cores, String jdk, String engine) {

    /** Above this share of busy cores before the run the machine is not called quiet. */
    static final double QUIET_BUSY_SHARE = 0.10;

    static Machine here() {
        return new Machine(
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                Engine.describe());
    }

    String describe() {
        return String.format(Locale.ROOT, "machine: %s, %d cores; JDK %s; engine: %s", cpu, cores, jdk, engine);
    }

    /** The 1-, 5- and 15-minute load averages, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * The share of all cores' time spent busy over {@code millis}, sampled while this JVM waits: 0 on an
     * idle machine, 1 when every core is taken. NaN off Linux.
     */
    static double busyShare(long millis) throws InterruptedException {
        long[] before = cpuTimes();
        Thread.sleep(millis);
        long[] after = cpuTimes();
        if (before == null || after == null) {
            return Double.NaN;
        }
        double total = after[0] - before[0];
        double idle = after[1] - before[1];
        return total <= 0 ? Double.NaN : 1 - idle / total;
    }

    static String quietVerdict(double busyShare) {
        return Double.isNaN(busyShare)
                ? "unknown"
                : String.format(
                        Locale.ROOT,
                        "%.0f%% of the cores busy before the run: %s",
                        100 * busyShare,
                        busyShare <= QUIET_BUSY_SHARE ? "quiet" : "NOT quiet, figures are upper bounds");
    }

    /** Total and idle (idle + iowait) jiffies of the machine, from the first line of /proc/stat. */
    private static long[] cpuTimes() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int k = 1; k < fields.length; k++) {
                total += Long.parseLong(fields[k]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
