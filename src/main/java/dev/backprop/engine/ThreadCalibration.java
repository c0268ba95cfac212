package dev.backprop.engine;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Chooses between one thread and two for a run by timing its own steps: blocks of steps alternate
 * between the helper sharing each step and the calling thread doing it all, and once enough blocks of
 * each are timed the faster is kept for the rest of the run. Alternating blocks see the same drift of a
 * shared machine's speed, so the comparison holds where separate runs would not. Both ways compute
 * the same halves, so the choice changes no bit of the result.
 *
 * <p>Measured on the project's 2-core machines (2026-12): the seed network's 10-example steps ran 85–94
 * ms an epoch on one thread and 105–241 ms on two, while the wide networks gain from the second thread;
 * which way a network goes depends on the machine, hence timing rather than a rule.
 */
final class ThreadCalibration {

    /** Blocks of each kind left out first: the JIT compiles both paths then. */
    private static final int SKIPPED_PAIRS = 2;
    /** Timed blocks of each kind. */
    private static final int TIMED_PAIRS = 5;
    /** Examples a block aims at: some milliseconds of the smallest networks' steps. */
    private static final int BLOCK_EXAMPLES = 2_000;

    private final int blockExamples;
    private final long[] soloNanos = new long[TIMED_PAIRS];
    private final long[] sharedNanos = new long[TIMED_PAIRS];
    private int block;
    private int examplesInBlock;
    private long nanosInBlock;
    private Choice choice;

    /**
     * @param examplesPerEpoch the run's training examples an epoch, so that calibration ends within the
     *                         first epoch of all but the smallest runs
     */
    ThreadCalibration(int examplesPerEpoch, int batchSize) {
        int pairs = SKIPPED_PAIRS + TIMED_PAIRS;
        int fitting = examplesPerEpoch / (2 * pairs);
        this.blockExamples = Math.max(batchSize, Math.min(BLOCK_EXAMPLES, fitting));
    }

    /** What was chosen and why, once it is. */
    record Choice(int threads, double soloNanosPerExample, double sharedNanosPerExample) {

        /** For a job's record, e.g. {@code "auto: 1 thread, 1.52 µs an example against 1.98 on 2"}. */
        String reason() {
            double kept = threads == 1 ? soloNanosPerExample : sharedNanosPerExample;
            double other = threads == 1 ? sharedNanosPerExample : soloNanosPerExample;
            return String.format(
                    "auto: %d %s, %.2f µs an example against %.2f on %d",
                    threads, threads == 1 ? "thread" : "threads", kept / 1000, other / 1000, 3 - threads);
        }
    }

    /** Whether the next step runs on the calling thread alone. */
    boolean nextSolo() {
        return choice == null ? block % 2 == 1 : choice.threads == 1;
    }

    /** Whether the choice has been made. */
    boolean decided() {
        return choice != null;
    }

    Choice choice() {
        return choice;
    }

    /** Counts one step of {@code examples} that took {@code nanos}; true when that step made the choice. */
    boolean stepTimed(int examples, long nanos) {
        if (choice != null) {
            return false;
        }
        examplesInBlock += examples;
        nanosInBlock += nanos;
        if (examplesInBlock < blockExamples) {
            return false;
        }
        int pair = block / 2 - SKIPPED_PAIRS;
        if (pair >= 0) {
            (block % 2 == 1 ? soloNanos : sharedNanos)[pair] = nanosInBlock * blockExamples / examplesInBlock;
        }
        block++;
        examplesInBlock = 0;
        nanosInBlock = 0;
        if (block < 2 * (SKIPPED_PAIRS + TIMED_PAIRS)) {
            return false;
        }
        double solo = median(soloNanos) / blockExamples;
        double shared = median(sharedNanos) / blockExamples;
        // Ties go to one thread: it leaves the other core to the service and to other jobs.
        choice = new Choice(shared < solo * 0.97 ? 2 : 1, solo, shared);
        return true;
    }

    /**
     * Goes on with the choice: on one thread a step of its own takes over the optimiser's states, as a
     * resumed run does, so no helper thread stays behind; on two the helper shares again.
     */
    MiniBatchStep keep(MiniBatchStep step, Supplier<MiniBatchStep> singleThreaded, double rate) {
        if (choice.threads() == 2) {
            step.solo(false);
            return step;
        }
        MiniBatchStep single = singleThreaded.get();
        single.restore(Checkpoint.save(step.parameterStates()));
        single.learningRate(rate);
        step.close();
        return single;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
