package dev.backprop.engine;

import java.util.List;

/**
 * Every weight layer's {@link LayerDiagnostics} at one moment of a run.
 *
 * @param epoch      the epoch just trained, or being trained for a step's; 0 before training
 * @param step       mini-batch steps taken since the run began; 0 before training
 * @param endOfEpoch true for the measurement closing an epoch, false for one after a step or before
 *                   training
 */
public record Diagnosis(int epoch, long step, boolean endOfEpoch, List<LayerDiagnostics> layers) {

    public Diagnosis {
        layers = List.copyOf(layers);
    }
}
