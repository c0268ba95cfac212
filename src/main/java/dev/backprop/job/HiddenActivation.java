package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backprop.engine.Activation;
import java.util.Locale;

/** The function after every hidden layer. */
public enum HiddenActivation {
    SIGMOID(Activation.SIGMOID),
    TANH(Activation.TANH),
    RELU(Activation.RELU),
    SOFTPLUS(Activation.SOFTPLUS);

    private final Activation engine;

    HiddenActivation(Activation engine) {
        this.engine = engine;
    }

    public Activation engine() {
        return engine;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
