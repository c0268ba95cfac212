package dev.backprop.sweep;

import dev.backprop.api.RefusesUnknownFields;
import dev.backprop.api.StorableText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A hyperparameter search: a base training request, the fields to vary, a strategy and a budget. */
@RefusesUnknownFields
@Schema(description = "A hyperparameter sweep: trials are training jobs made from `base` with `parameters` varied")
public record SweepRequest(
        @Schema(example = "tune the seed network") @Size(max = 200) @StorableText
        String name,

        @Schema(
                description = "A training request every trial starts from (`validationSize` defaults to 10,000 here)",
                example = "{\"dataset\": \"mnist\", \"layers\": [784, 100, 10], \"epochs\": 12}")
        Map<String, Object> base,

        @Schema(
                description =
                        "Training fields to vary, each one of `{\"choice\": [values]}`, `{\"uniform\": [low, high]}`,"
                                + " `{\"logUniform\": [low, high]}`, `{\"intUniform\": [low, high]}`",
                example =
                        "{\"learningRate\": {\"logUniform\": [0.0001, 0.1]}, \"batchSize\": {\"choice\": [16, 32, 64]}}")
        Map<String, Map<String, Object>> parameters,

        @Schema(description = "`grid`, `random` or `tpe` (a tree-structured Parzen estimator)", defaultValue = "random")
        String strategy,

        @Schema(description = "Trials in all", defaultValue = "10")
        Integer trials,

        @Schema(description = "Trials that train at once", defaultValue = "1")
        Integer parallel,

        ObjectiveSpec objective,
        EarlyStoppingSpec earlyStopping,

        @Schema(description = "The same sweep and seed propose the same trials; drawn when left out")
        Long seed) {

    /** What the sweep optimises. */
    @Schema(name = "SweepObjective")
    public record ObjectiveSpec(
            @Schema(description = "`validationAccuracy` or `validationLoss`", defaultValue = "validationAccuracy")
            String metric,

            @Schema(description = "`maximize` or `minimize`; the metric's own when left out")
            String goal) {}

    /** How losing trials are stopped early. */
    @Schema(name = "SweepEarlyStopping")
    public record EarlyStoppingSpec(
            @Schema(description = "`asha`, `median` or `none`", defaultValue = "none")
            String type,

            @Schema(description = "Epochs before the first comparison", defaultValue = "1")
            Integer minEpochs,

            @Schema(description = "ASHA's η: about one trial in η goes past each rung", defaultValue = "3")
            Integer reductionFactor,

            @Schema(description = "The median rule's trials needed at an epoch before it stops any", defaultValue = "3")
            Integer minTrials) {}
}
