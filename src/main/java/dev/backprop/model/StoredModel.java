package dev.backprop.model;

import dev.backprop.engine.Classifier;
import dev.backprop.engine.Network;

/** A model's description, its trained network, and the frozen copy that answers predictions. */
public record StoredModel(ModelInfo info, Network network, Classifier classifier) {

    public StoredModel(ModelInfo info, Network network) {
        this(info, network, network.freeze());
    }

    public String id() {
        return info.id();
    }
}
