package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backprop.engine.Activation;
import java.util.Locale;

/** The function after the output layer. */
public enum OutputActivation {
    SIGMOID(Activation.SIGMOID),
    SOFTMAX(Activation.SOFTMAX),
    IDENTITY(Activation.IDENTITY);

    private final Activation engine;

    OutputActivation(Activation engine) {
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
