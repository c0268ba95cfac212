package dev.backprop.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Chooses between one thread and two for a run by timing its own steps: blocks of steps alternate
 * between the helper sharing each step and the calling thread doing it all, and the faster is kept for
 * the rest of the run. Both ways compute the same halves, so the choice changes no bit of the result.
 *
 * <p>The comparison is made robust against the JIT and a shared machine's drift: the first blocks are
 * left out (the JIT compiles then); the timed blocks come in pairs ordered two-one, one-two, two-one,
 * ..., an even number of them, so that a steady drift favours neither side; the decision is on their
 * total times. Totals, not medians: on a busy machine two threads lose more of their blocks to
 * waiting for a core, but win over a whole epoch by getting more of the cores' time (a median of
 * blocks picked one thread for [784,100,10] Adam b10 at 7.5–24.6 µs an example against 15.7–45.3 on
 * two, while a fixed two-thread run was faster, 1.0–1.8 s an epoch against 1.2–2.6, at load 27).
 * When the run has another epoch and the first round was close, its choice is only provisional (the
 * run goes on with it, on the two-thread step) and a second, shorter round at the start of the next
 * epoch, with the kernels long compiled, decides: in one run of the speed check a single round within the first epoch picked
 * one thread for [784,100,10] Adam b10 (8.46 µs an example against 10.32) where two then ran 0.381 s an
 * epoch against 0.493.
 *
 * <p>Measured on the project's 2-core machines (2026-12): the seed network's 10-example steps ran 85–94
 * ms an epoch on one thread and 105–241 ms on two, while the wide networks gain from the second thread;
 * which way a network goes depends on the machine, hence timing rather than a rule.
 */
final class ThreadCalibration {

    /** The first round: blocks left out while the JIT compiles, then timed pairs, within the first epoch. */
    static final Round FIRST = new Round(3, 8, 1_000);
    /** The re-check at the start of the next epoch: short, as its blocks on the slower side cost time. */
    static final Round RECHECK = new Round(1, 6, 500);
    /** Two threads must win by this much: ties go to one, which leaves the other core to other work. */
    private static final double MARGIN = 0.97;
    /**
     * A first round whose loser took this much longer is final: a re-check would spend half of its blocks
     * on the clearly slower side (the seed network's two threads, say) for nothing.
     */
    private static final double CLEAR = 1.25;

    private final int firstBlock;
    private final int recheckBlock;
    private final boolean recheckFits;
    /** The run's epochs from the current one on. */
    private int epochsLeft;

    private boolean started;
    /** Nanoseconds an example of each timed pair's block on one thread and on two, pair by pair. */
    private final List<Double> solo = new ArrayList<>();

    private final List<Double> shared = new ArrayList<>();
    /** The round being timed, or null between rounds and once chosen. */
    private Round round;

    private int blockExamples;
    private int block;
    private int examplesInBlock;
    private long nanosInBlock;
    private Choice provisional;
    private Choice choice;

    /** The blocks of a round, each of {@code examples} or one batch, whichever is more. */
    record Round(int skippedPairs, int timedPairs, int examples) {

        int blocks() {
            return 2 * (skippedPairs + timedPairs);
        }

        /** Examples a block takes in an epoch of {@code perEpoch}, in whole batches: the round fits in an epoch if it can. */
        int blockExamples(int perEpoch, int batchSize) {
            return Math.max(1, Math.min(examples, perEpoch / blocks()) / batchSize) * batchSize;
        }

        /** Whether the round fits in one epoch. */
        boolean fits(int perEpoch, int batchSize) {
            return (long) blocks() * blockExamples(perEpoch, batchSize) <= perEpoch;
        }
    }

    /**
     * @param examplesPerEpoch the run's training examples an epoch
     * @param epochsLeft       the epochs this run still trains: with two or more the choice is re-checked
     */
    ThreadCalibration(int examplesPerEpoch, int batchSize, int epochsLeft) {
        this.firstBlock = FIRST.blockExamples(examplesPerEpoch, batchSize);
        this.recheckBlock = RECHECK.blockExamples(examplesPerEpoch, batchSize);
        // A re-check that would not fit in its epoch could end the run before it chooses.
        this.recheckFits = RECHECK.fits(examplesPerEpoch, batchSize);
        this.epochsLeft = epochsLeft;
        start(FIRST, firstBlock);
    }

    /**
     * Why a run that chooses its threads should take one without timing, or null when it should time
     * both: with augmentation on two cores, the thread that distorts the next epoch's images keeps one
     * core busy for most of each epoch, and two training threads then wait on each other for the other.
     * Timing cannot see this reliably, as the distortions come in bursts: with augmentation
     * ([784,64,10] Adam b64, 6,000 examples, 2026-12-05) one thread ran 18–41 ms an epoch and two 20–49,
     * slower in each of 8 alternated runs, while auto's timed choice gave 18–31 ms.
     */
    static String settledWithout(TrainingConfig config, int cores) {
        return config.augmentation() != null && cores <= 2
                ? "auto: 1 thread, the distortions' thread keeping the other of " + cores + " cores busy"
                : null;
    }

    /** What was chosen and why, once it is. */
    record Choice(
            int threads, double soloNanosPerExample, double sharedNanosPerExample, int pairs, Choice provisional) {

        /**
         * For a job's record, e.g. {@code "auto: 1 thread, 1.52 µs an example against 1.98 on 2 (means of 6
         * interleaved pairs of blocks; re-checked after the first epoch's 2)"}.
         */
        String reason() {
            double kept = threads == 1 ? soloNanosPerExample : sharedNanosPerExample;
            double other = threads == 1 ? sharedNanosPerExample : soloNanosPerExample;
            return String.format(
                    "auto: %d %s, %.2f µs an example against %.2f on %d (means of %d interleaved pairs of blocks%s)",
                    threads,
                    threads == 1 ? "thread" : "threads",
                    kept / 1000,
                    other / 1000,
                    3 - threads,
                    pairs,
                    provisional == null ? "" : "; re-checked after the first round's " + provisional.threads);
        }
    }

    /** Whether the next step runs on the calling thread alone. */
    boolean nextSolo() {
        if (round != null) {
            return soloBlock(block);
        }
        return (choice != null ? choice : provisional).threads == 1;
    }

    /** Whether the choice has been made for good. */
    boolean decided() {
        return choice != null;
    }

    Choice choice() {
        return choice;
    }

    /** Called before each epoch's first step: starts the re-check after a provisional choice. */
    void epochStarting() {
        if (started) {
            epochsLeft--;
        }
        started = true;
        if (provisional != null && choice == null && round == null) {
            // The re-check decides alone: its kernels are compiled, the first round's may not all have been.
            solo.clear();
            shared.clear();
            start(RECHECK, recheckBlock);
        }
    }

    /** Counts one step of {@code examples} that took {@code nanos}; true when that step made the final choice. */
    boolean stepTimed(int examples, long nanos) {
        if (round == null) {
            return false;
        }
        examplesInBlock += examples;
        nanosInBlock += nanos;
        if (examplesInBlock < blockExamples) {
            return false;
        }
        double perExample = (double) nanosInBlock / examplesInBlock;
        if (block / 2 >= round.skippedPairs()) {
            (soloBlock(block) ? solo : shared).add(perExample);
        }
        block++;
        examplesInBlock = 0;
        nanosInBlock = 0;
        if (block < round.blocks()) {
            return false;
        }
        Choice made = new Choice(
                mean(shared) < mean(solo) * MARGIN ? 2 : 1, mean(solo), mean(shared), solo.size(), provisional);
        round = null;
        double ratio = Math.max(made.soloNanosPerExample(), made.sharedNanosPerExample())
                / Math.min(made.soloNanosPerExample(), made.sharedNanosPerExample());
        if (recheckFits && epochsLeft > 1 && provisional == null && ratio < CLEAR) {
            provisional = made;
            return false;
        }
        choice = made;
        return true;
    }

    /**
     * Goes on with the choice on a step of its own, which takes over the optimiser's states as a resumed
     * run does: no helper stays behind on one thread, and on two nothing is left of the calibration's
     * switching (a run that kept its calibrating step ran its later epochs slower than a fixed one).
     */
    MiniBatchStep keep(MiniBatchStep step, IntFunction<MiniBatchStep> withThreads, double rate) {
        MiniBatchStep kept = withThreads.apply(choice.threads());
        kept.restore(Checkpoint.save(step.parameterStates()));
        kept.learningRate(rate);
        step.close();
        return kept;
    }

    private void start(Round next, int examples) {
        round = next;
        blockExamples = examples;
        block = 0;
        examplesInBlock = 0;
        nanosInBlock = 0;
    }

    /** Pairs alternate their order, shared first then solo first, so that a steady drift cancels out. */
    private static boolean soloBlock(int block) {
        return (block / 2) % 2 == 0 ? block % 2 == 1 : block % 2 == 0;
    }

    /** Blocks' nanoseconds an example, each block weighing the same. */
    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
