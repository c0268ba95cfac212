package dev.backprop.insight;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.DatasetCatalog;
import dev.backprop.dataset.RequestedDataset;
import dev.backprop.engine.Classifier;
import dev.backprop.engine.ExampleSet;
import dev.backprop.engine.LayerParameters;
import dev.backprop.failure.ConflictException;
import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.NotFoundException;
import dev.backprop.model.ModelStore;
import dev.backprop.model.StoredModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Looking inside", description = "What a trained network learned: receptive fields, projections, examples")
class InsightController {

    private final ModelStore models;
    private final DatasetCatalog datasets;

    InsightController(ModelStore models, DatasetCatalog datasets) {
        this.models = models;
        this.datasets = datasets;
    }

    // No `produces`: the answer sets image/png itself, so a client whose Accept names only JSON types (generated
    // Python clients send the first JSON type an operation lists, here the problem's) gets the PNG, not a 406.
    @GetMapping(path = "/api/v1/models/{id}/receptive-fields.png")
    @Operation(
            operationId = "getReceptiveFields",
            summary = "The first layer's receptive fields",
            description =
                    "Each first-layer unit's 784 incoming weights as a 28×28 tile in a grid: white 0, red the unit's"
                            + " largest positive weight, blue its most negative.")
    @ApiResponse(
            responseCode = "200",
            description = "A PNG",
            content =
                    @Content(
                            mediaType = MediaType.IMAGE_PNG_VALUE,
                            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No such model")
    ResponseEntity<byte[]> receptiveFields(@PathVariable String id, @RequestParam(defaultValue = "2") int zoom) {
        if (zoom < 1 || zoom > 8) {
            throw new InvalidFieldsException("zoom", "must be between 1 and 8");
        }
        LayerParameters first = LayerParameters.of(find(id).network()).get(0);
        if (first.inputs() != 784) {
            throw new ConflictException("the first layer takes " + first.inputs() + " inputs, not 28×28");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .body(ReceptiveFields.png(first.weights(), first.units(), zoom));
    }

    @PostMapping(path = "/api/v1/models/{id}/projection", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "projectModel",
            summary = "Project examples by the last hidden layer",
            description = "The last hidden layer's activations of the first `count` examples of a split, projected on"
                    + " their first two principal components (ojAlgo's singular value decomposition), with each"
                    + " example's true and predicted label.")
    @ApiResponse(responseCode = "200", description = "The points and the variance the two components explain")
    @ApiResponse(responseCode = "400", description = "A bad dataset, split or count")
    @ApiResponse(responseCode = "404", description = "No such model")
    @ApiResponse(responseCode = "409", description = "The model has no hidden layer")
    ProjectionResponse projection(@PathVariable String id, @RequestBody(required = false) ProjectionRequest request) {
        StoredModel model = find(id);
        Classifier classifier = model.classifier();
        if (classifier.lastHiddenUnits() == 0) {
            throw new ConflictException("the model has no hidden layer to look into");
        }
        String name =
                request == null || request.dataset() == null ? model.info().dataset() : request.dataset();
        String split = request == null || request.split() == null ? "test" : request.split();
        if (!split.equals("test") && !split.equals("train")) {
            throw new InvalidFieldsException("split", "must be test or train, not '" + split + "'");
        }
        int count = request == null || request.count() == null ? 2000 : request.count();
        if (count < 2 || count > ProjectionRequest.MAX_COUNT) {
            throw new InvalidFieldsException("count", "must be between 2 and " + ProjectionRequest.MAX_COUNT);
        }
        Dataset dataset = load(name);
        ExampleSet set = split.equals("test") ? dataset.test() : dataset.training();
        if (set.features() != classifier.inputSize() || set.classes() != classifier.classes()) {
            throw new InvalidFieldsException("dataset", "'" + name + "' does not fit the model");
        }
        count = Math.min(count, set.count());
        float[] inputs = new float[count * set.features()];
        for (int e = 0; e < count; e++) {
            System.arraycopy(set.image(e), 0, inputs, e * set.features(), set.features());
        }
        float[] hidden = classifier.lastHiddenActivations(inputs, count);
        float[] probabilities = classifier.probabilities(inputs, count);
        PrincipalComponents pca = PrincipalComponents.of(hidden, count, classifier.lastHiddenUnits());
        List<ProjectionResponse.Point> points = new ArrayList<>(count);
        int classes = classifier.classes();
        for (int e = 0; e < count; e++) {
            float[] one = java.util.Arrays.copyOfRange(probabilities, e * classes, (e + 1) * classes);
            points.add(new ProjectionResponse.Point(
                    pca.x()[e],
                    pca.y()[e],
                    set.label(e),
                    Classifier.Prediction.of(one).label()));
        }
        return new ProjectionResponse(
                model.id(), name, split, classifier.lastHiddenUnits(), points, pca.explainedVariance());
    }

    // No `produces`, as for the receptive fields.
    @GetMapping(path = "/api/v1/datasets/{dataset}/{split}/{index}.png")
    @Operation(
            operationId = "getExampleImage",
            summary = "One example as a picture",
            description =
                    "Example `index` of a dataset's `test` or `train` split as a 28×28 greyscale PNG (ink white on"
                            + " black, as the network sees it), for showing the hardest examples an evaluation lists.")
    @ApiResponse(
            responseCode = "200",
            description = "A PNG",
            content =
                    @Content(
                            mediaType = MediaType.IMAGE_PNG_VALUE,
                            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "A bad split or index")
    ResponseEntity<byte[]> example(@PathVariable String dataset, @PathVariable String split, @PathVariable int index) {
        if (!split.equals("test") && !split.equals("train")) {
            throw new InvalidFieldsException("split", "must be test or train, not '" + split + "'");
        }
        Dataset loaded = load(dataset);
        ExampleSet set = split.equals("test") ? loaded.test() : loaded.training();
        if (index < 0 || index >= set.count()) {
            throw new InvalidFieldsException("index", "must be between 0 and " + (set.count() - 1));
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(ExamplePicture.png(set, index));
    }

    private StoredModel find(String id) {
        return models.find(id).orElseThrow(() -> new NotFoundException("model", id));
    }

    private Dataset load(String name) {
        return RequestedDataset.load(datasets, name);
    }
}
