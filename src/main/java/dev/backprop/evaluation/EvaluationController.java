package dev.backprop.evaluation;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.DatasetCatalog;
import dev.backprop.dataset.RequestedDataset;
import dev.backprop.engine.Classifier;
import dev.backprop.engine.ExampleSet;
import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.NotFoundException;
import dev.backprop.job.LossFunction;
import dev.backprop.model.ModelStore;
import dev.backprop.model.StoredModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.stream.IntStream;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Models", description = "Trained networks and their predictions")
class EvaluationController {

    private final ModelStore models;
    private final DatasetCatalog datasets;

    EvaluationController(ModelStore models, DatasetCatalog datasets) {
        this.models = models;
        this.datasets = datasets;
    }

    @PostMapping("/api/v1/models/{id}/evaluate")
    @Operation(
            operationId = "evaluateModel",
            summary = "Evaluate a model on a dataset",
            description = "Accuracy and mean loss on every example of the split, the confusion matrix (rows = true"
                    + " label, columns = predicted), precision, recall and F1 per class, and the most confident"
                    + " mistakes. The body may be left out: the model's own dataset, test split.")
    @ApiResponse(responseCode = "200", description = "The evaluation report")
    @ApiResponse(
            responseCode = "400",
            description = "Unknown or unavailable dataset, one that does not fit the model, or a bad field")
    @ApiResponse(responseCode = "404", description = "No such model")
    EvaluationReport evaluate(@PathVariable String id, @RequestBody(required = false) EvaluationRequest request) {
        StoredModel model = models.find(id).orElseThrow(() -> new NotFoundException("model", id));
        String name =
                request == null || request.dataset() == null ? model.info().dataset() : request.dataset();
        Split split = request == null || request.split() == null ? Split.TEST : request.split();
        int hardest = hardest(request);
        ExampleSet set = split.of(load(name));
        Classifier classifier = model.classifier();
        if (set.features() != classifier.inputSize() || set.classes() != classifier.classes()) {
            throw new InvalidFieldsException(
                    "dataset",
                    "'" + name + "' has " + set.features() + " pixels an example and " + set.classes()
                            + " classes; the model takes " + classifier.inputSize() + " pixels and has "
                            + classifier.classes() + " classes");
        }
        // From the model's own description: an imported model has no training request.
        LossFunction loss = LossFunction.valueOf(model.info().loss().toUpperCase(java.util.Locale.ROOT));
        int[] examples = IntStream.range(0, set.count()).toArray();
        long started = System.nanoTime();
        Classifier.Evaluation evaluation = classifier.evaluate(set, examples, loss.engine());
        ConfusionMatrix matrix = ConfusionMatrix.of(set, examples, evaluation.predicted());
        return new EvaluationReport(
                id,
                name,
                split,
                loss.id(),
                evaluation.count(),
                evaluation.correct(),
                evaluation.accuracy(),
                evaluation.meanLoss(),
                matrix.counts(),
                matrix.perClass(),
                ConfusionMatrix.hardest(set, examples, evaluation, hardest),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static int hardest(EvaluationRequest request) {
        if (request == null || request.hardest() == null) {
            return EvaluationRequest.DEFAULT_HARDEST;
        }
        int hardest = request.hardest();
        if (hardest < 0 || hardest > EvaluationRequest.MAX_HARDEST) {
            throw new InvalidFieldsException(
                    "hardest", "must be between 0 and " + EvaluationRequest.MAX_HARDEST + ", not " + hardest);
        }
        return hardest;
    }

    private Dataset load(String name) {
        return RequestedDataset.load(datasets, name);
    }
}
