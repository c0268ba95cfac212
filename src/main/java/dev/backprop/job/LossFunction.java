package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backprop.engine.Loss;
import java.util.Locale;

/** The cost the network minimises: the engine's {@link Loss}es by their JSON names. */
public enum LossFunction {
    QUADRATIC,
    CROSS_ENTROPY;

    /** The engine's constant of the same name; {@code EngineChoicesTest} keeps the two lists in step. */
    public Loss engine() {
        return Loss.valueOf(name());
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
