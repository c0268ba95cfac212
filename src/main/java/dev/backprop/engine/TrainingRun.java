package dev.backprop.engine;

import dev.backprop.engine.TrainingResult.Outcome;
import java.util.List;

/**
 * A run's state between epochs, what a checkpoint keeps (the network, the epochs so far, the best epoch's
 * weights), and the measuring that ends an epoch: validation and test, the report, early stopping and
 * the checkpoint.
 */
final class TrainingRun {

    final Network network;
    final List<EpochResult> epochs;
    private Network best;
    private int bestEpoch;
    private double bestAccuracy;

    TrainingRun(Network network, List<EpochResult> epochs, Network best, int bestEpoch, double bestAccuracy) {
        this.network = network;
        this.epochs = epochs;
        this.best = best;
        this.bestEpoch = bestEpoch;
        this.bestAccuracy = bestAccuracy;
    }

    /** What an epoch's training did, before it is measured. */
    record Trained(int epoch, double lossSum, int correct, int examples, long durationNanos, double rate) {}

    /**
     * Measures the network on the validation and test examples, reports the epoch, keeps the best weights
     * and hands the monitor a checkpoint.
     *
     * @return the run's result when early stopping ends it here, else null
     */
    TrainingResult endEpoch(Trained trained, TrainingConfig config, Data data, MiniBatchStep step) {
        int epoch = trained.epoch();
        Classifier frozen = network.freeze();
        Classifier.Evaluation validation = data.split().validation().length == 0
                ? null
                : frozen.evaluate(data.training(), data.split().validation(), config.loss());
        Classifier.Evaluation tested =
                data.test() == null ? null : frozen.evaluate(data.test(), data.testExamples(), config.loss());
        long duration = trained.durationNanos();
        EpochResult result = new EpochResult(
                epoch,
                trained.lossSum() / trained.examples(),
                (double) trained.correct() / trained.examples(),
                validation == null ? null : validation.meanLoss(),
                validation == null ? null : validation.accuracy(),
                tested == null ? null : tested.meanLoss(),
                tested == null ? null : tested.accuracy(),
                duration,
                trained.examples() / (duration / 1e9),
                trained.rate());
        epochs.add(result);
        data.monitor().epochFinished(result);
        if (config.earlyStoppingPatience() > 0) {
            if (validation.accuracy() > bestAccuracy) {
                bestAccuracy = validation.accuracy();
                bestEpoch = epoch;
                best = network.copy();
            } else if (epoch - bestEpoch >= config.earlyStoppingPatience()) {
                return new TrainingResult(best, epochs, Outcome.EARLY_STOPPED, bestEpoch);
            }
        }
        if (epoch < config.epochs()) {
            data.monitor()
                    .checkpoint(new Checkpoint(
                            epoch,
                            network,
                            Checkpoint.save(step.parameterStates()),
                            epochs,
                            best,
                            bestEpoch,
                            bestAccuracy));
        }
        return null;
    }

    /** The result of a run that went through all its epochs: the best epoch's weights where kept. */
    TrainingResult completed(int lastEpoch) {
        if (best != null) {
            return new TrainingResult(best, epochs, Outcome.COMPLETED, bestEpoch);
        }
        return new TrainingResult(network, epochs, Outcome.COMPLETED, lastEpoch);
    }

    /** What a run trains on and measures with, and who hears of it. */
    record Data(ExampleSet training, Split split, ExampleSet test, int[] testExamples, TrainingMonitor monitor) {}
}
