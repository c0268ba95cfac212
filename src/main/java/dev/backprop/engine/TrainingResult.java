package dev.backprop.engine;

import java.util.List;

/**
 * What a training run produced: the network to keep (the last epoch's, or with early stopping the best
 * epoch's), every epoch's metrics, and why it ended.
 */
public record TrainingResult(Network network, List<EpochResult> epochs, Outcome outcome, int keptEpoch) {

    public enum Outcome {
        COMPLETED,
        EARLY_STOPPED,
        CANCELLED
    }

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }
}
