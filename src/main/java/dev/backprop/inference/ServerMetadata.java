package dev.backprop.inference;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The protocol's server metadata. */
@Schema(name = "InferenceServerMetadata", description = "Open Inference Protocol server metadata")
record ServerMetadata(
        @Schema(example = "backprop") String name,
        @Schema(example = "0.1.0") String version,

        @Schema(description = "Protocol extensions supported: none")
        List<String> extensions) {}
