package dev.backprop.engine.kernels;

import java.util.function.IntConsumer;

/**
 * How one mini-batch step shares its work between the calling thread and, with two threads, a helper,
 * so that every number is computed by the same operations in the same order as on one thread and the
 * weights come out bit for bit the same:
 *
 * <ul>
 *   <li>by examples, for the forward and backward passes (examples are independent and every weight
 *       is only read): share 0 takes the first ⌈m/2⌉ examples, share 1 the rest;
 *   <li>by ranges of an array, for the updates: thread 0 takes {@code [0, n/2)}, thread 1
 *       {@code [n/2, n)} (weight columns going through all the examples in order, or an optimiser's
 *       element-wise step).
 * </ul>
 */
public final class BatchPartition implements AutoCloseable {

    /** Null on one thread. */
    private final TwoThreads helper;
    /** Whether the caller runs both halves itself, leaving the helper parked: the same work, one thread. */
    private boolean solo;

    /**
     * @param yielding whether the helper yields rather than spins while it waits, leaving the core to a
     *                 native BLAS's own worker thread
     */
    public BatchPartition(int threads, boolean yielding) {
        this.helper = threads > 1 ? new TwoThreads(Thread.currentThread().getName() + "-helper", yielding) : null;
    }

    /** 1 or 2. */
    public int threads() {
        return helper == null ? 1 : 2;
    }

    /**
     * Runs the helper's halves on the calling thread from now on ({@code true}), or on the helper again:
     * for a calibration that times the two. The halves are the same either way, so the results do not
     * change by a bit; only the time does. The helper's own judgement of whether sharing pays is turned
     * off, as the calibration is the judge: left on, a window lost while the JIT compiled kept the helper
     * aside through a re-check's shared blocks, which timed one thread against one thread (the modern
     * network, 14.90 µs an example either way, kept one thread where two ran an epoch in 0.68 s against
     * 1.24: the speed check of 2026-12-06 on the project's Intel machine).
     */
    public void solo(boolean solo) {
        this.solo = solo;
        if (helper != null) {
            helper.shareAlways();
        }
    }

    /** Runs {@code work.accept(t)} for each thread t, at once, returning when all are done. */
    public void run(IntConsumer work) {
        if (helper == null) {
            work.accept(0);
        } else {
            runHalves(work);
        }
    }

    /** Runs {@code work.accept(0)} and {@code work.accept(1)}: at once on two threads, one after the other on one. */
    public void runHalves(IntConsumer work) {
        if (helper == null || solo) {
            work.accept(0);
            work.accept(1);
        } else {
            helper.run(work);
        }
    }

    /** Runs {@code work.accept(s)} for each of {@code shares} (1 or 2) shares of the batch, at once. */
    public void runShares(int shares, IntConsumer work) {
        if (shares == 1) {
            work.accept(0);
        } else {
            run(work);
        }
    }

    /** The first example of share {@code share} of {@code shares}, in a batch of {@code count}. */
    public static int firstExample(int share, int shares, int count) {
        return share == 0 ? 0 : Math.min(count, (count + shares - 1) / shares);
    }

    /** How many examples share {@code share} of {@code shares} takes in a batch of {@code count}. */
    public static int exampleCount(int share, int shares, int count) {
        int next = share + 1 == shares ? count : firstExample(share + 1, shares, count);
        return next - firstExample(share, shares, count);
    }

    /** The start of thread {@code t}'s range of {@code [0, n)}. */
    public int from(int t, int n) {
        return helper == null || t == 0 ? 0 : n / 2;
    }

    /** The end of thread {@code t}'s range of {@code [0, n)}. */
    public int to(int t, int n) {
        return helper == null || t == 1 ? n : n / 2;
    }

    @Override
    public void close() {
        if (helper != null) {
            helper.close();
        }
    }
}
