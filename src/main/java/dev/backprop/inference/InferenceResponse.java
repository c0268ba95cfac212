package dev.backprop.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

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

            @Schema(
                    description = "The tensor's elements, flat, row-major; absent when sent as binary data",
                    example = "[7]")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            Object data,

            @Schema(
                    description = "`binary_data_size`: the bytes of this tensor after the JSON header, when it"
                            + " was asked for as binary data (the binary tensor data extension)")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            Map<String, Object> parameters) {

        Output(String name, long[] shape, String datatype, Object data) {
            this(name, shape, datatype, data, null);
        }
    }
}
