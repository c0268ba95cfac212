package dev.backprop.bench;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.IdxFolder;
import dev.backprop.engine.ExampleSet;
import dev.backprop.engine.augment.Augmentation;
import dev.backprop.engine.augment.Augmenter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.zip.CRC32;

/**
 * One epoch's distortions for the speed check's augmentation row (6,000 MNIST images, shift 2, rotation
 * 10°, elastic α 34 σ 4) on this thread, in parts: drawing the displacement fields, distorting the images,
 * listing the copy's non-zero pixels. Thread CPU time, so that other work on a shared machine adds less;
 * and a checksum of every distorted image, to show that a faster way gives the same bits.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp … dev.backprop.bench.DistortionTiming [MNIST dir]}
 */
public final class DistortionTiming {

    private static final int IMAGES = 6_000;
    private static final int ROUNDS = 60;

    private DistortionTiming() {}

    private static long nonZero(byte[] images) {
        long count = 0;
        for (byte b : images) {
            count += b != 0 ? 1 : 0;
        }
        return count;
    }

    private static void once(
            int r, Augmentation augmentation, byte[] source, ThreadMXBean threads, long[][] nanos, CRC32 checksum) {
        long started = threads.getCurrentThreadCpuTime();
        Augmenter augmenter = Augmenter.forEpoch(augmentation, r, IMAGES);
        long drawn = threads.getCurrentThreadCpuTime();
        byte[] target = new byte[IMAGES * 784];
        for (int i = 0; i < IMAGES; i++) {
            augmenter.distort(i, source, i * 784, target, i * 784);
        }
        long distorted = threads.getCurrentThreadCpuTime();
        new ExampleSet(target, new byte[IMAGES], 784, 10).sparse();
        long listed = threads.getCurrentThreadCpuTime();
        checksum.update(target);
        if (r == 0) {
            System.out.printf(
                    "non-zero pixels an image: %.1f before, %.1f after%n",
                    nonZero(source) / (double) IMAGES, nonZero(target) / (double) IMAGES);
        }
        nanos[0][r] = drawn - started;
        nanos[1][r] = distorted - drawn;
        nanos[2][r] = listed - distorted;
    }

    public static void main(String[] args) {
        Dataset mnist = new IdxFolder(Path.of(args.length > 0 ? args[0] : "../shared/datasets/mnist")).load("mnist");
        byte[] source = new byte[IMAGES * 784];
        for (int e = 0; e < IMAGES; e++) {
            for (int p = 0; p < 784; p++) {
                source[e * 784 + p] = (byte) mnist.training().pixel(e, p);
            }
        }
        Augmentation augmentation = new Augmentation(2, 10, 0, new Augmentation.Elastic(34, 4));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] nanos = new long[3][ROUNDS];
        CRC32 checksum = new CRC32();
        // On one thread, as the trainer distorts ahead: a fork-join pool of one runs the parallel streams inside.
        ForkJoinPool one = new ForkJoinPool(1);
        for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            one.submit(() -> once(r, augmentation, source, threads, nanos, checksum))
                    .join();
        }
        one.shutdown();
        System.out.printf("checksum of every distorted image: %08x%n", checksum.getValue());
        String[] parts = {"fields", "distort", "sparse"};
        for (int p = 0; p < parts.length; p++) {
            long[] settled = Arrays.copyOfRange(nanos[p], ROUNDS / 2, ROUNDS); // after the JIT
            Arrays.sort(settled);
            System.out.printf(
                    "%-8s min %.2f ms, median %.2f ms (thread CPU)%n",
                    parts[p], settled[0] / 1e6, settled[settled.length / 2] / 1e6);
        }
    }
}
