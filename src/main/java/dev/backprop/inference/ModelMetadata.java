package dev.backprop.inference;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The protocol's model metadata: the model's input and output tensors. */
@Schema(name = "InferenceModelMetadata", description = "Open Inference Protocol model metadata")
record ModelMetadata(
        @Schema(description = "The model's registry name (its id when it has none)")
        String name,

        @Schema(description = "The version this metadata describes", example = "[\"3\"]")
        List<String> versions,

        @Schema(example = "backprop") String platform,
        List<Tensor> inputs,
        List<Tensor> outputs) {

    /** A tensor's name, element type and shape; −1 is a dimension of any size (the batch). */
    @Schema(name = "InferenceTensorMetadata")
    record Tensor(
            @Schema(example = "input") String name,
            @Schema(example = "FP32") String datatype,
            @Schema(example = "[-1, 784]") long[] shape) {}
}
