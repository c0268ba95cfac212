package dev.backprop.insight;

import io.swagger.v3.oas.annotations.media.Schema;

/** Which examples to project: the first {@code count} of a dataset's split. */
@Schema(description = "The examples whose last hidden layer is projected: the first `count` of a dataset's split")
record ProjectionRequest(
        @Schema(description = "The model's own dataset when left out", example = "mnist")
        String dataset,

        @Schema(description = "`test` (default) or `train`", example = "test")
        String split,

        @Schema(description = "How many examples, at most 10,000", defaultValue = "2000")
        Integer count) {

    static final int MAX_COUNT = 10_000;
}
