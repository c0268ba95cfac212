package dev.backprop.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The protocol's inference response: the output tensors, batched like the input. */
@Schema(name = "InferenceResponse", description = "Open Inference Protocol response")
@JsonInclude(JsonInclude.Include.NON_NULL)
record InferenceResponse(
        @JsonProperty("model_name") String modelName,

        @JsonProperty("model_version") @Schema(description = "The version that answered", example = "3")
        String modelVersion,

        @Schema(description = "The request's id, when it had one")
        String id,

        List<Output> outputs) {

    @Schema(name = "InferenceResponseOutput")
    record Output(
            @Schema(example = "label") String name,
            @Schema(example = "[1]") long[] shape,
            @Schema(example = "INT64") String datatype,

            @Schema(description = "The tensor's elements, flat, row-major", example = "[7]")
            Object data) {}
}
