package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backprop.engine.Initializer;
import java.util.Locale;

/** How the weights are drawn before training. */
public enum WeightInit {
    NORMAL(Initializer.NORMAL),
    SCALED_NORMAL(Initializer.SCALED_NORMAL),
    XAVIER(Initializer.XAVIER),
    HE(Initializer.HE);

    private final Initializer engine;

    WeightInit(Initializer engine) {
        this.engine = engine;
    }

    public Initializer engine() {
        return engine;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
