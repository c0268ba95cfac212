package dev.backprop.inference;

import io.swagger.v3.oas.annotations.media.Schema;

/** The protocol's error object. */
@Schema(name = "InferenceError", description = "The Open Inference Protocol's error object")
record InferenceError(
        @Schema(example = "no model with id 'nope'") String error) {}
