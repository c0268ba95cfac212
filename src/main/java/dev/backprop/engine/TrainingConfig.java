package dev.backprop.engine;

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
 * @param seed                  seeds every random choice: initial weights, the split, shuffles, dropout
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
        long seed) {

    public TrainingConfig {
        require(epochs > 0, "epochs must be positive");
        require(batchSize > 0, "batchSize must be positive");
        require(l2 >= 0 && Double.isFinite(l2), "l2 must be a finite number ≥ 0");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
        require(validationSize >= 0, "validationSize must be ≥ 0");
        require(trainLimit >= 0, "trainLimit must be ≥ 0");
        require(earlyStoppingPatience >= 0, "earlyStoppingPatience must be ≥ 0");
        require(earlyStoppingPatience == 0 || validationSize > 0, "earlyStoppingPatience needs validationSize > 0");
        require(
                loss.supports(architecture.outputActivation()),
                loss + " cannot be used with " + architecture.outputActivation() + " outputs");
        double rate = optimizer.learningRate();
        require(rate > 0 && Double.isFinite(rate), "learningRate must be a finite number > 0");
    }

    /** The seed network's run: [784, 30, 10], sigmoid, quadratic cost, SGD η = 3, 30 epochs of batches of 10. */
    public static TrainingConfig seedNetwork(long seed) {
        return new TrainingConfig(
                Architecture.of(784, 30, 10),
                Initializer.NORMAL,
                Loss.QUADRATIC,
                new Optimizer.Sgd(3.0),
                30,
                10,
                0,
                0,
                0,
                0,
                0,
                seed);
    }

    public TrainingConfig withEpochs(int epochs) {
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
                seed);
    }

    public TrainingConfig withTrainLimit(int trainLimit) {
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
                seed);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
