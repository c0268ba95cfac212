package dev.backprop.engine;

import dev.backprop.engine.augment.Augmentation;
import dev.backprop.engine.augment.Augmenter;
import dev.backprop.engine.augment.Distortion;
import dev.backprop.engine.kernels.SparsePixels;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToLongFunction;

/**
 * The images each epoch trains on. Without augmentation that is the training set itself, at the
 * split's training examples. With it, every epoch gets a fresh copy of the training examples alone
 * (position {@code i} holding training example {@code train[i]}), each image distorted as that epoch's
 * {@link Augmenter} says; the validation and test images are never touched. The copy is an
 * {@link ExampleSet} like any other, so the first layer reads its non-zero pixels as it reads the
 * originals'.
 *
 * <p>Each image's distortion depends only on the epoch's seed and its position, so the copy comes out
 * the same whichever thread made it. While an epoch trains and is evaluated, a thread of its own
 * distorts the next epoch's copy, where distorting between epochs would add its whole time to each; an
 * epoch that finds its copy unfinished helps to finish it.
 */
final class EpochImages implements AutoCloseable {

    /** Images a thread takes at a time: some 1 ms of work, so that the two finish close together. */
    private static final int CHUNK = 256;

    private final ExampleSet training;
    private final int[] train;
    private final Augmentation augmentation;
    private final IntToLongFunction seeds;
    private final int lastEpoch;
    private final int[] positions;
    private final byte[] labels;
    private ExecutorService ahead;
    /** The copy being distorted, of the next epoch (or, before its first, of the current one). */
    private Copy next;
    /**
     * Two copies' pixels and lists, used by odd and even epochs in turn: a new 4.7 MB copy an epoch (on
     * 6,000 images) was a humongous allocation that started one of G1's concurrent cycles every epoch.
     */
    private final byte[][] pixels = new byte[2][];

    private final SparsePixels[] lists = new SparsePixels[2];

    /**
     * @param augmentation null for the images as they are
     * @param seeds        the distortions' seed of each epoch
     * @param lastEpoch    the run's last epoch, after which nothing is distorted ahead
     */
    EpochImages(ExampleSet training, int[] train, Augmentation augmentation, IntToLongFunction seeds, int lastEpoch) {
        if (augmentation != null && training.features() != Distortion.SIDE * Distortion.SIDE) {
            throw new IllegalArgumentException(
                    "augmentation needs 28×28 images, not " + training.features() + " pixels");
        }
        this.training = training;
        this.train = train;
        this.augmentation = augmentation;
        this.seeds = seeds;
        this.lastEpoch = lastEpoch;
        this.positions = augmentation == null ? null : Split.all(train.length);
        this.labels = augmentation == null ? null : new byte[train.length];
        for (int i = 0; labels != null && i < train.length; i++) {
            labels[i] = (byte) training.label(train[i]);
        }
    }

    /** The examples of {@link #forEpoch}'s set that an epoch trains on, in order before its shuffle. */
    int[] examples() {
        return augmentation == null ? train : positions;
    }

    /**
     * The set epoch {@code epoch}'s examples index, and the next epoch's distortion started. If the copy is
     * not ready, the calling thread distorts what is left of it alongside the distortions' thread rather
     * than wait: on two cores a one-thread training otherwise idled while the copy (some 37 ms of CPU for
     * 6,000 images) finished.
     */
    ExampleSet forEpoch(int epoch) {
        if (augmentation == null) {
            return training;
        }
        if (next == null || next.epoch != epoch) {
            if (next != null) {
                next.done.exceptionally(failure -> null).join(); // its buffers are about to be reused
            }
            next = start(epoch);
        }
        ExampleSet images = next.helpAndJoin();
        next = epoch < lastEpoch ? start(epoch + 1) : null;
        return images;
    }

    private Copy start(int epoch) {
        if (ahead == null) {
            ahead = new ForkJoinPool(1, EpochImages::distortionThread, null, false);
        }
        Copy copy = new Copy(epoch);
        copy.done = CompletableFuture.supplyAsync(copy::make, ahead);
        return copy;
    }

    /**
     * The one thread that distorts ahead. Being a fork-join pool's, it runs the parallel streams of
     * {@link Augmenter#forEpoch} within its own pool (as {@link java.util.concurrent.ForkJoinTask#fork} does
     * inside a pool), one task after another: on two cores a one-thread training and the distortions each
     * keep a core, where the common pool's workers took the training's.
     */
    private static ForkJoinWorkerThread distortionThread(ForkJoinPool pool) {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("backprop-distortions");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * One epoch's distorted copy in the making: its images in chunks that any thread may take, each image
     * written by whichever thread took its chunk (its pixels depend on the epoch's seed and its position
     * alone) and its non-zero pixels listed there; the lists are joined once every chunk is done. (Listing
     * the whole copy after the last chunk took 4–5 ms of the distortions' thread, which no one could help
     * with.)
     */
    private final class Copy {

        private final int epoch;
        private final byte[] target;
        private final int chunks = (train.length + CHUNK - 1) / CHUNK;
        private final AtomicInteger taken = new AtomicInteger();
        private final CountDownLatch written = new CountDownLatch(chunks);
        /** Each chunk's non-zero pixels, listed by the thread that distorted it while its bytes are in cache. */
        private final SparsePixels[] listed = new SparsePixels[chunks];

        private final CountDownLatch drawn = new CountDownLatch(1);
        /** Set once the epoch's displacement fields are drawn, when chunks may be taken; null if that failed. */
        private volatile Augmenter augmenter;

        private CompletableFuture<ExampleSet> done;

        Copy(int epoch) {
            this.epoch = epoch;
            if (pixels[epoch % 2] == null) {
                pixels[epoch % 2] = new byte[train.length * training.features()];
            }
            this.target = pixels[epoch % 2];
        }

        /** On the distortions' thread: the fields, the chunks no one else took, the lists joined. */
        ExampleSet make() {
            try {
                augmenter = Augmenter.forEpoch(augmentation, seeds.applyAsLong(epoch), train.length);
            } finally {
                drawn.countDown();
            }
            distortChunks();
            try {
                written.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("closed while distorting epoch " + epoch);
            }
            SparsePixels list = SparsePixels.joined(listed, training.features(), lists[epoch % 2]);
            lists[epoch % 2] = list;
            return new ExampleSet(target, labels, training.features(), training.classes(), list);
        }

        /** On the training's thread: the chunks left once the fields are drawn, then the finished copy. */
        ExampleSet helpAndJoin() {
            if (!done.isDone()) {
                try {
                    drawn.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for epoch " + epoch + "'s images");
                }
                if (augmenter != null) {
                    distortChunks();
                }
            }
            return done.join();
        }

        private void distortChunks() {
            int features = training.features();
            byte[] source = training.pixels();
            for (int chunk = taken.getAndIncrement(); chunk < chunks; chunk = taken.getAndIncrement()) {
                try {
                    int first = chunk * CHUNK;
                    int end = Math.min(train.length, first + CHUNK);
                    for (int i = first; i < end; i++) {
                        augmenter.distort(i, source, train[i] * features, target, i * features);
                    }
                    listed[chunk] = SparsePixels.of(target, first * features, end - first, features);
                } finally {
                    written.countDown();
                }
            }
        }
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.shutdownNow();
        }
    }
}
