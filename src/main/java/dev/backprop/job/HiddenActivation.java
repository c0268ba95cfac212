package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backprop.engine.Activation;
import java.util.Locale;

/**
 * The function after every hidden layer: the engine's {@link Activation}s allowed there, by their JSON
 * names (the engine stays free of Jackson, and the API lists only what a hidden layer may take).
 */
public enum HiddenActivation {
    SIGMOID,
    TANH,
    RELU,
    SOFTPLUS;

    /** The engine's constant of the same name; {@code EngineChoicesTest} keeps the two lists in step. */
    public Activation engine() {
        return Activation.valueOf(name());
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
