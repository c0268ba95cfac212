package dev.backprop.engine;

/**
 * One finished epoch. Training loss and accuracy are averaged over the epoch's mini-batches as they
 * were trained (so with dropout on); validation and test figures come from the frozen network at the
 * epoch's end. {@code durationNanos} is the training time alone, without any evaluation.
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
        double examplesPerSecond) {}
