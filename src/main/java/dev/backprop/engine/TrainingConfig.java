package dev.backprop.engine;

import dev.backprop.engine.augment.Augmentation;

/**
 * Everything that decides a training run: with the same configuration and data, the same seed gives
 * bit-identical weights and metrics.
 *
 * @param architecture          layer sizes and activations
 * @param initializer           how the weights are drawn
 * @param loss                  the cost being minimised
 * @param optimizer             the update rule and its constants
 * @param epochs                passes over the training examples
 * @param batchSize             examples per gradient step (the last batch of an epoch may be smaller)
 * @param l2                    λ of the L2 term {@code (λ/2n)·Σw²} added to the cost (n: training examples)
 * @param dropout               probability of dropping each hidden unit during training
 * @param validationSize        training examples held out (by a seeded shuffle) for validation metrics
 * @param trainLimit            use only the first N training examples; 0 uses all
 * @param earlyStoppingPatience stop after this many epochs without a better validation accuracy and
 *                              keep the best epoch's weights; 0 turns it off
 * @param seed                  seeds every random choice: initial weights, the split, shuffles, dropout,
 *                              distortions
 * @param schedule              the learning rate of each epoch, from the optimiser's rate
 * @param augmentation          how training images are distorted afresh each epoch; null for not at all
 * @param measureEvery          epochs between measurements (validation, test, the monitor's epoch and
 *                              checkpoint); the last epoch is always measured. 1 measures every epoch
 */
public record TrainingConfig(
        Architecture architecture,
        Initializer initializer,
        Loss loss,
        Optimizer optimizer,
        int epochs,
        int batchSize,
        double l2,
        double dropout,
        int validationSize,
        int trainLimit,
        int earlyStoppingPatience,
        long seed,
        LearningRateSchedule schedule,
        Augmentation augmentation,
        int measureEvery) {

    public TrainingConfig {
        schedule = schedule == null ? new LearningRateSchedule.Constant() : schedule;
        augmentation = augmentation == null || augmentation.isNone() ? null : augmentation;
        require(epochs > 0, "epochs must be positive");
        require(batchSize > 0, "batchSize must be positive");
        require(l2 >= 0 && Double.isFinite(l2), "l2 must be a finite number ≥ 0");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
        require(validationSize >= 0, "validationSize must be ≥ 0");
        require(trainLimit >= 0, "trainLimit must be ≥ 0");
        require(earlyStoppingPatience >= 0, "earlyStoppingPatience must be ≥ 0");
        require(measureEvery > 0, "measureEvery must be positive");
        require(earlyStoppingPatience == 0 || validationSize > 0, "earlyStoppingPatience needs validationSize > 0");
        require(
                loss.supports(architecture.outputActivation()),
                loss + " cannot be used with " + architecture.outputActivation() + " outputs");
        double rate = optimizer.learningRate();
        require(rate > 0 && Double.isFinite(rate), "learningRate must be a finite number > 0");
    }

    /** Whether epoch {@code epoch} (from 1) is measured and reported. */
    public boolean measures(int epoch) {
        return epoch % measureEvery == 0 || epoch == epochs;
    }

    /** η of epoch {@code epoch} (from 1): the schedule's rate from the optimiser's. */
    public double learningRate(int epoch) {
        return schedule.rate(optimizer.learningRate(), epoch, epochs);
    }

    /** The seed network's run: [784, 30, 10], sigmoid, quadratic cost, SGD η = 3, 30 epochs of batches of 10. */
    public static TrainingConfig seedNetwork(long seed) {
        return builder(Architecture.of(784, 30, 10))
                .initializer(Initializer.NORMAL)
                .loss(Loss.QUADRATIC)
                .optimizer(new Optimizer.Sgd(3.0))
                .epochs(30)
                .batchSize(10)
                .seed(seed)
                .build();
    }

    /**
     * A builder starting from the seed network's choices for everything but the architecture: normal
     * initialisation, quadratic cost, SGD η = 3, 30 epochs of batches of 10, no L2, no dropout, no
     * validation, all examples, no early stopping, seed 1.
     */
    public static Builder builder(Architecture architecture) {
        return new Builder(architecture);
    }

    /** A builder holding this configuration's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(architecture)
                .initializer(initializer)
                .loss(loss)
                .optimizer(optimizer)
                .epochs(epochs)
                .batchSize(batchSize)
                .l2(l2)
                .dropout(dropout)
                .validationSize(validationSize)
                .trainLimit(trainLimit)
                .earlyStoppingPatience(earlyStoppingPatience)
                .seed(seed)
                .schedule(schedule)
                .augmentation(augmentation)
                .measureEvery(measureEvery);
    }

    public TrainingConfig withEpochs(int epochs) {
        return toBuilder().epochs(epochs).build();
    }

    public TrainingConfig withTrainLimit(int trainLimit) {
        return toBuilder().trainLimit(trainLimit).build();
    }

    /** Builds a {@link TrainingConfig} by name; {@link #build()} checks it as the constructor does. */
    public static final class Builder {
        private Architecture architecture;
        private Initializer initializer = Initializer.NORMAL;
        private Loss loss = Loss.QUADRATIC;
        private Optimizer optimizer = new Optimizer.Sgd(3.0);
        private int epochs = 30;
        private int batchSize = 10;
        private double l2;
        private double dropout;
        private int validationSize;
        private int trainLimit;
        private int earlyStoppingPatience;
        private long seed = 1;
        private LearningRateSchedule schedule;
        private Augmentation augmentation;
        private int measureEvery = 1;

        private Builder(Architecture architecture) {
            this.architecture = architecture;
        }

        public Builder architecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        public Builder initializer(Initializer initializer) {
            this.initializer = initializer;
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder validationSize(int validationSize) {
            this.validationSize = validationSize;
            return this;
        }

        public Builder trainLimit(int trainLimit) {
            this.trainLimit = trainLimit;
            return this;
        }

        public Builder earlyStoppingPatience(int earlyStoppingPatience) {
            this.earlyStoppingPatience = earlyStoppingPatience;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder measureEvery(int measureEvery) {
            this.measureEvery = measureEvery;
            return this;
        }

        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(
                    architecture,
                    initializer,
                    loss,
                    optimizer,
                    epochs,
                    batchSize,
                    l2,
                    dropout,
                    validationSize,
                    trainLimit,
                    earlyStoppingPatience,
                    seed,
                    schedule,
                    augmentation,
                    measureEvery);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
