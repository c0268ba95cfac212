package dev.backprop.job;

import dev.backprop.engine.LearningRateSchedule;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learning-rate schedule: each epoch's rate from the request's {@code learningRate}. Which fields a
 * type takes is in {@link #FIELDS}; {@link TrainingRequestValidator} refuses the others.
 */
@Schema(
        description = "The learning rate of each epoch, from `learningRate`: constant; step (`every`, `factor`);"
                + " exponential (`factor`); cosine (`minRate`); onecycle (`maxRate`, `warmup`)",
        example = "{\"type\": \"onecycle\", \"maxRate\": 0.003, \"warmup\": 0.3}")
public record ScheduleRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull
        ScheduleType type,

        @Schema(description = "step: epochs between cuts", example = "5") @Positive @Max(10_000)
        Integer every,

        @Schema(description = "step and exponential: the rate's multiplier, 0 < factor ≤ 1", example = "0.5")
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1")
        Double factor,

        @Schema(description = "cosine: the rate it anneals towards", defaultValue = "0")
        @DecimalMin("0")
        @DecimalMax("1000")
        Double minRate,

        @Schema(description = "onecycle: the peak rate, reached after the warm-up", example = "0.003")
        @Positive
        @DecimalMax("1000")
        Double maxRate,

        @Schema(description = "onecycle: the share of the epochs spent rising to maxRate", defaultValue = "0.3")
        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        Double warmup) {

    /** The fields each type needs (true) or may have (false). */
    static final Map<ScheduleType, Map<String, Boolean>> FIELDS = fields();

    /** The constant schedule, the default. */
    static ScheduleRequest constant() {
        return new ScheduleRequest(ScheduleType.CONSTANT, null, null, null, null, null);
    }

    /** The request with its type's optional fields filled in. */
    ScheduleRequest withDefaults() {
        if (type == null) {
            return this; // Bean Validation reports it.
        }
        return switch (type) {
            case COSINE -> new ScheduleRequest(type, every, factor, minRate == null ? 0.0 : minRate, maxRate, warmup);
            case ONECYCLE -> new ScheduleRequest(type, every, factor, minRate, maxRate, warmup == null ? 0.3 : warmup);
            default -> this;
        };
    }

    /** The value of field {@code name}, for the validator. */
    Object value(String name) {
        return switch (name) {
            case "every" -> every;
            case "factor" -> factor;
            case "minRate" -> minRate;
            case "maxRate" -> maxRate;
            case "warmup" -> warmup;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The engine's schedule; call on a request with defaults filled in that passed validation. */
    LearningRateSchedule engine() {
        return switch (type) {
            case CONSTANT -> new LearningRateSchedule.Constant();
            case STEP -> new LearningRateSchedule.Step(every, factor);
            case EXPONENTIAL -> new LearningRateSchedule.Exponential(factor);
            case COSINE -> new LearningRateSchedule.Cosine(minRate);
            case ONECYCLE -> new LearningRateSchedule.OneCycle(maxRate, warmup);
        };
    }

    private static Map<ScheduleType, Map<String, Boolean>> fields() {
        Map<ScheduleType, Map<String, Boolean>> fields = new LinkedHashMap<>();
        fields.put(ScheduleType.CONSTANT, Map.of());
        fields.put(ScheduleType.STEP, Map.of("every", true, "factor", true));
        fields.put(ScheduleType.EXPONENTIAL, Map.of("factor", true));
        fields.put(ScheduleType.COSINE, Map.of("minRate", false));
        fields.put(ScheduleType.ONECYCLE, Map.of("maxRate", true, "warmup", false));
        return fields;
    }
}
