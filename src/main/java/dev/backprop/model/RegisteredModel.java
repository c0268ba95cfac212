package dev.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** A name in the registry: its aliases and its versions, newest first. */
@Schema(description = "A registered model name: its aliases (latest included) and versions, newest first")
record RegisteredModel(
        @Schema(example = "digits") String name,

        @Schema(example = "{\"latest\": 3, \"production\": 2}")
        Map<String, Integer> aliases,

        List<ModelInfo> versions) {}
