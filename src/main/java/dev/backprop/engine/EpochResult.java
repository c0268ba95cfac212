package dev.backprop.engine;

/**
 * One finished epoch. Training loss and accuracy are averaged over the epoch's mini-batches as they
 * were trained (so with dropout and distortions on); validation and test figures come from the frozen
 * network at the epoch's end. {@code durationNanos} is the training time alone (distorting the epoch's
 * images included), without any evaluation; {@code learningRate} is the η the epoch's steps used.
 */
public record EpochResult(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        Double validationLoss,
        Double validationAccuracy,
        Double testLoss,
        Double testAccuracy,
        long durationNanos,
        double examplesPerSecond,
        double learningRate) {

    /** The same epoch with its rate set: checkpoints of format 1 did not record it. */
    EpochResult withLearningRate(double rate) {
        return new EpochResult(
                epoch,
                trainLoss,
                trainAccuracy,
                validationLoss,
                validationAccuracy,
                testLoss,
                testAccuracy,
                durationNanos,
                examplesPerSecond,
                rate);
    }
}
