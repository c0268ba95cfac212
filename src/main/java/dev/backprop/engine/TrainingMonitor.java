package dev.backprop.engine;

/** Watches a training run and may ask it to stop; called on the training thread. */
public interface TrainingMonitor {

    /** After every mini-batch; must be cheap. */
    default void batchFinished(int epoch, int examplesDone, int examplesPerEpoch) {}

    /**
     * Every layer measured on the probe, when the trainer was given {@link DiagnosticsSettings}: before
     * training, after every {@code everySteps} steps, and at an epoch's end just before
     * {@link #epochFinished} for the same epoch.
     */
    default void diagnosed(Diagnosis diagnosis) {}

    default void epochFinished(EpochResult result) {}

    /** Once a trainer choosing its threads has chosen: the kernels it goes on with, and why. */
    default void threadsChosen(TrainingKernels kernels, String reason) {}

    /**
     * After every epoch but the last, the run's state for {@link Trainer#resume}. It holds the live
     * weights: write it out (or copy it) before returning.
     */
    default void checkpoint(Checkpoint checkpoint) {}

    /** Polled between mini-batches: true stops the run cleanly before the next one. */
    default boolean stopRequested() {
        return false;
    }
}
