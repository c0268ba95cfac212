package dev.backprop.inference;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** The protocol's inference request: input tensors, and optionally which outputs to answer. */
@Schema(
        name = "InferenceRequest",
        description = "Open Inference Protocol request: one input tensor of 28×28 images (the example, a drawn 1,"
                + " is set where the document is built)")
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
