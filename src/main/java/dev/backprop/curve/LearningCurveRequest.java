package dev.backprop.curve;

import dev.backprop.api.RefusesUnknownFields;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Train one base request on growing subsets of the training set: the lecture's "amount of training data". */
@RefusesUnknownFields
@Schema(description = "A learning curve: the base trained once per size (and seed) on the first `size` examples")
public record LearningCurveRequest(
        @Schema(example = "more data") @Size(max = 200) String name,

        @Schema(
                description = "A training request every point starts from (`validationSize` defaults to 10,000"
                        + " here; `trainLimit` and `measureEvery` are the curve's to set)",
                example = "{\"layers\": [784, 30, 10], \"loss\": \"cross_entropy\", \"learningRate\": 0.5,"
                        + " \"epochs\": 30, \"l2\": 5.0}")
        Map<String, Object> base,

        @Schema(
                description = "Training set sizes, each trained on the first `size` examples after the validation"
                        + " examples are held out of the first `size + validationSize`",
                example = "[100, 1000, 10000, 50000]")
        List<Integer> sizes,

        @Schema(
                description = "`fixed`: every size trains the base's epochs; `sameExamples`: every size sees as"
                        + " many examples as the largest does in the base's epochs (epochs × largest / size)",
                defaultValue = "fixed")
        String epochsPerSize,

        @Schema(
                description = "The base's `l2` is λ at the largest size and scales with size (λ/n constant),"
                        + " as network2's more_data does",
                defaultValue = "false")
        Boolean scaleL2,

        @Schema(description = "Points per size, seeds base.seed, base.seed + 1, …", defaultValue = "1")
        Integer seeds) {}
