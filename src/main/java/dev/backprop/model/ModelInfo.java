package dev.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored model's description and provenance: enough to know what it is, how it was made, and to
 * train it again. The training configuration is kept as the trainer resolved it, as plain JSON, so a
 * model knows nothing of the job that made it.
 */
@Schema(name = "Model", description = "A trained network: its shape, provenance and final metrics")
public record ModelInfo(
        @Schema(example = "9d8e7f6a-1b2c-4d3e-8f90-a1b2c3d4e5f6")
        String id,

        @Schema(example = "seed network") String name,
        @Schema(description = "The job that trained it") String jobId,
        @Schema(example = "mnist") String dataset,
        Instant createdAt,
        @Schema(example = "[784, 30, 10]") List<Integer> layers,
        @Schema(example = "sigmoid") String hiddenActivation,
        @Schema(example = "sigmoid") String outputActivation,
        @Schema(example = "quadratic") String loss,
        boolean batchNorm,

        @Schema(description = "Weights and biases (γ and β on batch-normalised layers)", example = "23860")
        long parameterCount,

        @Schema(description = "The full training request, defaults filled in")
        Map<String, Object> request,

        @Schema(description = "Metrics of the epoch whose weights the model holds")
        ModelMetrics metrics,

        @Schema(description = "Epochs trained", example = "30")
        int epochsTrained,

        @Schema(description = "Epoch whose weights it holds", example = "30")
        int keptEpoch,

        @Schema(description = "Version of the model file format it is stored in", example = "1")
        int formatVersion,

        @Schema(
                description = "The model's version among the models of its name: 1, 2, … in the order they were stored",
                example = "3")
        Integer version) {

    /** A model not yet registered: the store gives it its version. */
    public ModelInfo(
            String id,
            String name,
            String jobId,
            String dataset,
            Instant createdAt,
            List<Integer> layers,
            String hiddenActivation,
            String outputActivation,
            String loss,
            boolean batchNorm,
            long parameterCount,
            Map<String, Object> request,
            ModelMetrics metrics,
            int epochsTrained,
            int keptEpoch,
            int formatVersion) {
        this(
                id,
                name,
                jobId,
                dataset,
                createdAt,
                layers,
                hiddenActivation,
                outputActivation,
                loss,
                batchNorm,
                parameterCount,
                request,
                metrics,
                epochsTrained,
                keptEpoch,
                formatVersion,
                null);
    }

    /** The same model as version {@code version} of its name. */
    public ModelInfo withVersion(Integer version) {
        return new ModelInfo(
                id,
                name,
                jobId,
                dataset,
                createdAt,
                layers,
                hiddenActivation,
                outputActivation,
                loss,
                batchNorm,
                parameterCount,
                request,
                metrics,
                epochsTrained,
                keptEpoch,
                formatVersion,
                version);
    }

    public ModelInfo {
        layers = List.copyOf(layers);
        request = request == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(request));
    }
}
