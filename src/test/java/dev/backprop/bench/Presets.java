package dev.backprop.bench;

import dev.backprop.dataset.Dataset;
import dev.backprop.engine.Activation;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.LearningRateSchedule;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.TrainingConfig;
import dev.backprop.engine.augment.Augmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two rows of the speed check that time whole recipes rather than one network's step: how long the page's
 * widest preset takes to 99% MNIST test accuracy, and what the distortions cost an epoch.
 */
final class Presets {

    private Presets() {}

    /**
     * [784,800,10] ReLU/softmax, Adam 0.001 with cosine annealing, batches of 128, light distortions (no
     * elastic field, the costly part): the training seconds until the first epoch at 99% or more.
     */
    static String timeTo99(Dataset mnist, int epochs, int trainLimit, Training training) {
        TrainingConfig config = TrainingConfig.builder(
                        new Architecture(List.of(784, 800, 10), Activation.RELU, Activation.SOFTMAX, false))
                .initializer(Initializer.HE)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8))
                .schedule(new LearningRateSchedule.Cosine(0))
                .augmentation(new Augmentation(1, 8, 0.08, null))
                .batchSize(128)
                .epochs(epochs)
                .trainLimit(trainLimit)
                .seed(1)
                .build();
        Run run =
                training.train("[784,800,10] Adam, cosine, shift 1 rotation 8 scale 0.08, batch 128", config, mnist, 0);
        double sofar = 0;
        for (int e = 0; e < run.seconds().size(); e++) {
            sofar += run.seconds().get(e);
            if (run.accuracies().get(e) >= 0.99) {
                return String.format(
                        Locale.ROOT,
                        "| 99%% MNIST test accuracy, [784,800,10], cosine over %d epochs, light distortions | %.1f s of training"
                                + " (epoch %d, %.4f) | | | %s | ≤ 90 s | | | |",
                        epochs,
                        sofar,
                        e + 1,
                        run.accuracies().get(e),
                        sofar <= 90 ? "met" : "NOT met");
            }
        }
        return String.format(
                Locale.ROOT,
                "| 99%% MNIST test accuracy, [784,800,10], cosine over %d epochs, light distortions | not reached: %.4f"
                        + " after %.1f s | | | NOT met | ≤ 90 s | | | |",
                epochs,
                run.finalAccuracy(),
                sofar);
    }

    /** The distortions whose cost the speed check measures. */
    static final Augmentation AUGMENTATION_COST = new Augmentation(2, 10, 0, new Augmentation.Elastic(34, 4));

    /** [784,64,10] Adam b64 on 6,000 examples, seed 1, with {@code augmentation} (null for none). */
    static TrainingConfig augmentationCostConfig(int epochs, Augmentation augmentation) {
        return TrainingConfig.builder(
                        new Architecture(List.of(784, 64, 10), Activation.RELU, Activation.SOFTMAX, false))
                .initializer(Initializer.HE)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8))
                .batchSize(64)
                .epochs(epochs)
                .trainLimit(6_000)
                .seed(1)
                .augmentation(augmentation)
                .build();
    }

    /**
     * [784,64,10] Adam b64 on 6,000 examples with shift 2, rotation 10° and an elastic field (α 34, σ 4),
     * against the same without: three runs of each, alternated so that a busy spell falls on both, the
     * median of each kind's steady epochs (an augmented epoch lasts some 20 ms, so one slow epoch in a
     * handful swung the ratio of two runs of four epochs from 1.2 to 1.9 on a quiet machine).
     */
    static String augmentationCost(Dataset mnist, int epochs, Training training) {
        TrainingConfig plain = augmentationCostConfig(epochs, null);
        TrainingConfig distorted = augmentationCostConfig(epochs, AUGMENTATION_COST);
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            without.addAll(training.train("[784,64,10] without distortions", plain, mnist, 0)
                    .steadySeconds());
            with.addAll(training.train("[784,64,10] with distortions", distorted, mnist, 0)
                    .steadySeconds());
        }
        double ratio = Run.median(with) / Run.median(without);
        return String.format(
                Locale.ROOT,
                "| augmentation (shift 2, rotation 10°, elastic α 34 σ 4), [784,64,10] Adam b64, 6,000 examples"
                        + " | %.3f s against %.3f s an epoch: %.2f× | | | %s | ≤ 1.5× | | | |",
                Run.median(with),
                Run.median(without),
                ratio,
                ratio <= 1.5 ? "met" : "NOT met");
    }
}
