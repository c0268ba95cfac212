package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backprop.engine.Initializer;
import java.util.Locale;

/** How the weights are drawn before training: the engine's {@link Initializer}s by their JSON names. */
public enum WeightInit {
    NORMAL,
    SCALED_NORMAL,
    XAVIER,
    HE;

    /** The engine's constant of the same name; {@code EngineChoicesTest} keeps the two lists in step. */
    public Initializer engine() {
        return Initializer.valueOf(name());
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
