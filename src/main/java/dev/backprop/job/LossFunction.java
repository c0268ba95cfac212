package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backprop.engine.Loss;
import java.util.Locale;

/** The cost the network minimises. */
public enum LossFunction {
    QUADRATIC(Loss.QUADRATIC),
    CROSS_ENTROPY(Loss.CROSS_ENTROPY);

    private final Loss engine;

    LossFunction(Loss engine) {
        this.engine = engine;
    }

    public Loss engine() {
        return engine;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
