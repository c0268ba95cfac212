package dev.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The version an alias is to point at. */
@Schema(description = "The version an alias points at")
record AliasRequest(
        @Schema(example = "3", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Positive
        Integer version) {}
