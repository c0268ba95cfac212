package dev.backprop.model;

import dev.backprop.engine.Classifier;
import dev.backprop.failure.NotFoundException;
import dev.backprop.paging.PageAnswer;
import dev.backprop.paging.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Trained networks and their predictions")
class ModelController {

    private final ModelStore models;
    private final PredictionProperties limits;

    ModelController(ModelStore models, PredictionProperties limits) {
        this.models = models;
        this.limits = limits;
    }

    @GetMapping
    @Operation(
            operationId = "listModels",
            summary = "List models",
            description =
                    "Stored models, newest first, a page at a time: follow the `Link` header's `next` for the rest")
    ResponseEntity<List<ModelInfo>> list(
            @Parameter(
                            description = PageRequest.LIMIT,
                            schema = @Schema(minimum = "1", maximum = "1000", defaultValue = "100"))
                    @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = PageRequest.CURSOR) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(limit, cursor);
        return PageAnswer.of(models.list(page), page.limit(), request);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getModel",
            summary = "Describe a model",
            description = "Layers, activations, the training request, final metrics, provenance")
    @ApiResponse(responseCode = "200", description = "The model")
    @ApiResponse(responseCode = "404", description = "No such model")
    ModelInfo get(@PathVariable String id) {
        return find(id).info();
    }

    @DeleteMapping("/{id}")
    @Operation(
            operationId = "deleteModel",
            summary = "Delete a model",
            description = "Removes the model, its file and the aliases that pointed at it")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such model")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!models.delete(find(id).id())) {
            throw new NotFoundException("model", id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "predict", summary = PredictionDocs.PREDICT_SUMMARY, description = PredictionDocs.PREDICT)
    @ApiResponse(responseCode = "400", description = "Wrong pixel count or values outside 0–255")
    @ApiResponse(responseCode = "404", description = "No such model")
    PredictionResponse predict(@PathVariable String id, @RequestBody PredictRequest request) {
        Classifier classifier = find(id).classifier();
        return PredictionResponse.of(classifier.predict(ModelInput.single(request)));
    }

    @PostMapping(path = "/{id}/predict/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "predictBatch", summary = PredictionDocs.BATCH_SUMMARY, description = PredictionDocs.BATCH)
    @ApiResponse(responseCode = "400", description = "No images, too many, or a bad one (named by its index)")
    @ApiResponse(responseCode = "404", description = "No such model")
    BatchPredictionResponse predictBatch(@PathVariable String id, @RequestBody BatchPredictRequest request) {
        Classifier classifier = find(id).classifier();
        float[] inputs = ModelInput.batch(request, limits.maxBatchSize());
        int count = inputs.length / ModelInput.PIXELS;
        float[] probabilities = classifier.probabilities(inputs, count);
        int classes = classifier.classes();
        List<PredictionResponse> predictions = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            float[] one = Arrays.copyOfRange(probabilities, k * classes, (k + 1) * classes);
            predictions.add(PredictionResponse.of(Classifier.Prediction.of(one)));
        }
        return new BatchPredictionResponse(predictions);
    }

    private StoredModel find(String id) {
        return models.find(id).orElseThrow(() -> new NotFoundException("model", id));
    }
}
