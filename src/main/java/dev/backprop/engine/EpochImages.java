package dev.backprop.engine;

import dev.backprop.engine.augment.Augmentation;
import dev.backprop.engine.augment.Augmenter;
import dev.backprop.engine.augment.Distortion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;

/**
 * The images each epoch trains on. Without augmentation that is the training set itself, at the
 * split's training examples. With it, every epoch gets a fresh copy of the training examples alone
 * (position {@code i} holding training example {@code train[i]}), each image distorted as that epoch's
 * {@link Augmenter} says; the validation and test images are never touched. The copy is an
 * {@link ExampleSet} like any other, so the first layer reads its non-zero pixels as it reads the
 * originals'.
 *
 * <p>Each image's distortion depends only on the epoch's seed and its position, so the copy comes out
 * the same whichever thread made it. While an epoch trains, a thread of its own distorts the next
 * epoch's copy: the training's two threads leave gaps (evaluation, the single-threaded parts of a
 * step) that it fills, where distorting between epochs would add its whole time to each.
 */
final class EpochImages implements AutoCloseable {

    /** Images per task when distorting in parallel: enough to make handing them out cheap. */
    private static final int CHUNK = 1024;

    private final ExampleSet training;
    private final int[] train;
    private final Augmentation augmentation;
    private final IntToLongFunction seeds;
    private final int lastEpoch;
    private final int[] positions;
    private final byte[] labels;
    private ExecutorService ahead;
    private CompletableFuture<ExampleSet> next;
    private int nextEpoch;

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

    /** The set epoch {@code epoch}'s examples index, and the next epoch's distortion started. */
    ExampleSet forEpoch(int epoch) {
        if (augmentation == null) {
            return training;
        }
        ExampleSet images = next != null && nextEpoch == epoch ? next.join() : distorted(epoch);
        next = null;
        if (epoch < lastEpoch) {
            if (ahead == null) {
                ahead = new ForkJoinPool(1, EpochImages::distortionThread, null, false);
            }
            nextEpoch = epoch + 1;
            next = CompletableFuture.supplyAsync(() -> distorted(nextEpoch), ahead);
        }
        return images;
    }

    /**
     * The one thread that distorts ahead. Being a fork-join pool's, it runs the parallel streams of
     * {@link #distorted} within its own pool (as {@link java.util.concurrent.ForkJoinTask#fork} does inside
     * a pool), one task after another: on two cores a one-thread training and the distortions each keep a
     * core, where the common pool's workers took the training's.
     */
    private static ForkJoinWorkerThread distortionThread(ForkJoinPool pool) {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("backprop-distortions");
        thread.setDaemon(true);
        return thread;
    }

    /** Epoch {@code epoch}'s distorted copy, its non-zero pixels listed. */
    private ExampleSet distorted(int epoch) {
        Augmenter augmenter = Augmenter.forEpoch(augmentation, seeds.applyAsLong(epoch), train.length);
        int features = training.features();
        byte[] source = training.pixels();
        byte[] target = new byte[train.length * features];
        IntStream.range(0, (train.length + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            int end = Math.min(train.length, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                augmenter.distort(i, source, train[i] * features, target, i * features);
            }
        });
        ExampleSet images = new ExampleSet(target, labels, features, training.classes());
        images.sparse();
        return images;
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.shutdownNow();
        }
    }
}
