package dev.backprop.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backprop.dataset.Dataset;
import dev.backprop.engine.ExampleSet;
import java.util.Locale;

/** Which part of a dataset to evaluate on. */
public enum Split {
    /** The examples the model was trained on (including any it held out for validation). */
    TRAIN,
    /** The examples measured after every epoch, never trained on. */
    TEST;

    ExampleSet of(Dataset dataset) {
        return this == TRAIN ? dataset.training() : dataset.test();
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
