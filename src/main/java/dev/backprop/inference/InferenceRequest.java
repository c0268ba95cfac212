package dev.backprop.inference;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** The protocol's inference request: input tensors, and optionally which outputs to answer. */
@Schema(
        name = "InferenceRequest",
        description = "Open Inference Protocol request: one input tensor of 28×28 images",
        example = "{\"id\": \"42\", \"inputs\": [{\"name\": \"input\", \"shape\": [1, 784], \"datatype\": \"UINT8\","
                + " \"data\": [0, 0, 0, \"… 784 numbers in all …\"]}]}")
record InferenceRequest(
        @Schema(description = "Echoed in the response") String id,
        Map<String, Object> parameters,
        List<Input> inputs,

        @Schema(description = "The outputs to answer, `probabilities` and/or `label`; all when left out")
        List<RequestedOutput> outputs) {

    @Schema(name = "InferenceRequestInput")
    record Input(
            @Schema(example = "input") String name,

            @Schema(description = "[N, 784] or [N, 28, 28]", example = "[1, 784]")
            List<Long> shape,

            @Schema(description = "FP32 (pixels 0–1) or UINT8 (pixels 0–255)", example = "UINT8")
            String datatype,

            Map<String, Object> parameters,
            TensorData data) {}

    @Schema(name = "InferenceRequestOutput")
    record RequestedOutput(@Schema(example = "label") String name, Map<String, Object> parameters) {}
}
