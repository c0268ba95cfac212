package dev.backprop.job;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the learning rate moves from epoch to epoch. */
public enum ScheduleType {
    CONSTANT,
    STEP,
    EXPONENTIAL,
    COSINE,
    ONECYCLE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
