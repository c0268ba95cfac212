package dev.backprop.engine;

import dev.backprop.engine.augment.Augmentation;
import java.util.List;
import java.util.Random;

/**
 * Trains small runs of the common network shapes on synthetic digits, so that the JIT has compiled the
 * kernels before the first real job needs them. Without it the seed network's first epoch took 1.1–1.2 s
 * against 0.09 s from the third on (2026-12, a quiet 2-core machine): a 30-epoch run spent a third of its
 * time waiting for the compiler. The images are as sparse as MNIST's (about a fifth of the pixels ink),
 * so the zero-skipping kernels are profiled on the branches real digits take.
 */
public final class KernelWarmUp {

    private static final int IMAGES = 2_000;
    private static final int PIXELS = 784;
    private static final int CLASSES = 10;

    private KernelWarmUp() {}

    /**
     * The runs it trains: the seed network (sigmoid, quadratic cost, SGD in batches of 10) and the
     * usual modern one (ReLU, softmax, cross-entropy, Adam in batches of 64), each also frozen and
     * evaluated as every epoch is.
     */
    static List<TrainingConfig> runs(int epochs) {
        return List.of(
                TrainingConfig.seedNetwork(1).withEpochs(epochs),
                TrainingConfig.builder(
                                new Architecture(List.of(784, 128, 64, 10), Activation.RELU, Activation.SOFTMAX, false))
                        .initializer(Initializer.HE)
                        .loss(Loss.CROSS_ENTROPY)
                        .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8))
                        .batchSize(64)
                        .epochs(epochs)
                        .seed(1)
                        .build());
    }

    /**
     * The modern run with the distortions of the augmentation presets, so that the distortions' kernels are
     * compiled too: without it the speed check's first augmented epochs ran up to 3 times their steady time.
     */
    static TrainingConfig augmented(int epochs) {
        return runs(epochs).get(1).toBuilder()
                .trainLimit(IMAGES / 2)
                .augmentation(new Augmentation(2, 10, 0.1, new Augmentation.Elastic(34, 4)))
                .build();
    }

    /**
     * Trains every run of {@link #runs} for {@code epochs} epochs of {@value #IMAGES} synthetic images as
     * jobs train: choosing their threads ({@code auto}, both ways timed, then the steps switched to one
     * thread or kept on two), then on one thread alone, the seed network's usual choice. The JIT compiles
     * for the branches it has seen: a warm-up on two threads alone left the one-thread step's branches
     * to be compiled (after a deoptimisation) in the first real epoch.
     *
     * @return the milliseconds it took
     */
    public static long run(int epochs) {
        long started = System.nanoTime();
        ExampleSet digits = syntheticDigits(new Random(7));
        for (TrainingConfig config : runs(epochs)) {
            Trainer.choosingThreads(config, null).train(digits, digits, new TrainingMonitor() {});
            new Trainer(config, 1).train(digits, digits, new TrainingMonitor() {});
        }
        Trainer.choosingThreads(augmented((epochs + 1) / 2), null).train(digits, digits, new TrainingMonitor() {});
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Blobs of ink on black, about a fifth of the pixels, their place decided by the label. */
    static ExampleSet syntheticDigits(Random random) {
        byte[] pixels = new byte[IMAGES * PIXELS];
        byte[] labels = new byte[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            int label = random.nextInt(CLASSES);
            labels[i] = (byte) label;
            int centreRow = 8 + label % 5 * 3;
            int centreColumn = 8 + label / 5 * 10;
            for (int row = 4; row < 24; row++) {
                for (int column = 4; column < 24; column++) {
                    int dr = row - centreRow;
                    int dc = column - centreColumn;
                    if (dr * dr + dc * dc < 60 && random.nextInt(10) < 8) {
                        pixels[i * PIXELS + row * 28 + column] = (byte) (128 + random.nextInt(128));
                    }
                }
            }
        }
        return new ExampleSet(pixels, labels, PIXELS, CLASSES);
    }
}
