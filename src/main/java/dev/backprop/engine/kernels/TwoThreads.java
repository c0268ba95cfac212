package dev.backprop.engine.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The calling thread and one helper, running the two halves of a step together. A mini-batch step is
 * some tens of microseconds, far less than it takes to wake a sleeping thread, so the helper spins
 * while work keeps coming and parks only after a pause (between epochs, say). Beside a native BLAS,
 * whose own worker thread needs this core for the next product, it yields instead of spinning.
 *
 * <p>Whichever thread claims the second half first runs it: when the helper has not started it by the
 * time the caller is done with the first (its core busy with another process, say), the caller runs it
 * too. Waiting for a helper that the scheduler had put aside made the seed network's epoch forty times
 * slower (5 s against 0.12) while another build ran. Both halves write disjoint results, so which thread
 * ran them changes no bit.
 *
 * <p>A helper that the scheduler puts aside after it has claimed its half still holds the caller up, and
 * one that is woken for every round costs a system call each time. So the caller keeps score: every
 * {@value #WINDOW} rounds it compares their time with twice its own halves' (what it would have taken
 * alone), and when sharing did not win it runs both halves itself for the next {@value #BACKOFF}
 * rounds, then tries again. Beside a process that kept one of the two cores busy, fixed two-thread
 * epochs of [784,100,10] Adam b10 took 0.83–0.93 s before this and 0.59–0.66 after, against 0.56–0.60
 * on one thread (interleaved runs).
 */
final class TwoThreads implements AutoCloseable {

    /** How long the helper spins for the next task before it parks. */
    private static final long SPIN_NANOS = 200_000;
    /** Rounds between the caller's checks of whether sharing pays. */
    static final int WINDOW = 64;
    /** Rounds the caller then runs alone when it did not. */
    static final int BACKOFF = 1024;

    /** The caller's score over the current window: the rounds' time, and its own halves' twice over. */
    private long sharedNanos;

    private long aloneNanos;
    private int scored;
    private int alone;
    /** Whether the caller keeps that score; off while a calibration times sharing against one thread. */
    private boolean judging = true;

    private final Thread helper;
    private final AtomicInteger posted = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    /** The last round whose second half a thread has claimed. */
    private final AtomicInteger claimed = new AtomicInteger();

    private volatile IntConsumer task;
    private volatile Throwable failure;
    private volatile boolean parked;
    private volatile boolean closed;
    private final boolean yielding;

    TwoThreads(String name) {
        this(name, false);
    }

    /** With {@code yielding}, the helper waits with {@link Thread#yield()}, leaving the core to whoever needs it. */
    TwoThreads(String name, boolean yielding) {
        this.yielding = yielding;
        helper = new Thread(this::serve, name);
        helper.setDaemon(true);
        helper.start();
    }

    /**
     * Shares every round from now on, whatever the rounds cost: for a calibration, which times sharing
     * against one thread and so must not have sharing turned off under it.
     */
    void shareAlways() {
        judging = false;
        alone = 0;
    }

    /** Runs {@code task.accept(0)} here and {@code task.accept(1)} on the helper; returns when both are done. */
    void run(IntConsumer task) {
        if (alone > 0) {
            alone--;
            task.accept(0);
            task.accept(1);
            return;
        }
        long started = System.nanoTime();
        this.task = task;
        int round = posted.incrementAndGet();
        if (parked) {
            LockSupport.unpark(helper);
        }
        task.accept(0);
        long ownHalf = System.nanoTime() - started;
        if (claimed.compareAndSet(round - 1, round)) {
            task.accept(1);
            done.set(round);
        }
        while (done.get() != round) {
            Thread.onSpinWait();
        }
        score(System.nanoTime() - started, ownHalf);
        Throwable thrown = failure;
        if (thrown != null) {
            failure = null;
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(thrown);
        }
    }

    /** Counts one shared round; after a window in which sharing did not win, the next rounds run alone. */
    private void score(long roundNanos, long ownHalfNanos) {
        if (!judging) {
            return;
        }
        sharedNanos += roundNanos;
        aloneNanos += 2 * ownHalfNanos;
        if (++scored < WINDOW) {
            return;
        }
        if (sharedNanos >= aloneNanos) {
            alone = BACKOFF;
        }
        sharedNanos = 0;
        aloneNanos = 0;
        scored = 0;
    }

    private void serve() {
        int seen = 0;
        while (true) {
            long started = System.nanoTime();
            while (posted.get() == seen && !closed) {
                if (System.nanoTime() - started < SPIN_NANOS) {
                    if (yielding) {
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
                } else {
                    parked = true;
                    if (posted.get() == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
            if (closed) {
                return;
            }
            seen = posted.get();
            if (!claimed.compareAndSet(seen - 1, seen)) {
                continue; // the caller ran this round's second half itself
            }
            try {
                task.accept(1);
            } catch (Throwable thrown) {
                failure = thrown;
            }
            done.set(seen);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(helper);
    }
}
