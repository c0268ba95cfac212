package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The update rule. */
public enum OptimizerType {
    SGD,
    MOMENTUM,
    RMSPROP,
    ADAM;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
