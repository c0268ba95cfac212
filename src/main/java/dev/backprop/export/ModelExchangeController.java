package dev.backprop.export;

import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.NotFoundException;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.ModelRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Trained networks and their predictions")
class ModelExchangeController {

    private final ModelExchange exchange;

    ModelExchangeController(ModelExchange exchange) {
        this.exchange = exchange;
    }

    @GetMapping("/{id}/export")
    @Operation(
            operationId = "exportModel",
            summary = "Export a model",
            description = "`onnx`: an ONNX model (opset 17), input `pixels` [N, 784] on the 0–255 scale, outputs "
                    + "`probabilities` [N, classes] and `label` [N], exactly as `/predict` computes them. `network2`: "
                    + "the JSON of Nielsen's network2.py (`sizes`, `weights`, `biases`, `cost`), for all-sigmoid "
                    + "networks without batch norm. `backprop`: the service's own model file, to import elsewhere.")
    @ApiResponse(responseCode = "200", description = "The file, named in `Content-Disposition`")
    @ApiResponse(responseCode = "400", description = "An unknown format")
    @ApiResponse(responseCode = "404", description = "No such model")
    @ApiResponse(responseCode = "409", description = "The model has no network2.py form; the detail says why")
    ResponseEntity<byte[]> export(
            @PathVariable String id,
            @Parameter(description = "onnx, network2 or backprop") @RequestParam(defaultValue = "backprop")
                    String format) {
        ExportFormat chosen = ExportFormat.of(format)
                .orElseThrow(() -> new InvalidFieldsException(
                        "format", "must be one of " + ExportFormat.ids() + ", not '" + shorten(format) + "'"));
        ModelExchange.Exported file = exchange.export(id, chosen).orElseThrow(() -> new NotFoundException("model", id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.filename())
                                .build()
                                .toString())
                .body(file.bytes());
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "importModel",
            summary = "Import a model",
            description = "Part `file`: the JSON that network2.py's `save` writes, or a Backprop model file. The model "
                    + "predicts, evaluates and exports like a trained one. Nothing is stored unless the whole file is "
                    + "valid.")
    @ApiResponse(responseCode = "201", description = "Imported; `Location` names the new model")
    @ApiResponse(responseCode = "400", description = "The file is missing or broken; the detail says what is wrong")
    ResponseEntity<ModelInfo> importModel(
            @Parameter(description = "network2.py JSON or a Backprop model file") @RequestPart(required = false)
                    MultipartFile file,
            @Parameter(description = "The new model's name (network2 files have none)") @RequestParam(required = false)
                    String name,
            @Parameter(description = "The dataset the model reads, for evaluation (network2 files do not say)")
                    @RequestParam(defaultValue = "mnist")
                    String dataset) {
        if (file == null || file.isEmpty()) {
            throw new InvalidFieldsException("file", "a model file is required in part 'file'");
        }
        String chosen = blankToNull(name);
        if (chosen != null) {
            ModelRegistry.nameProblem(chosen).ifPresent(problem -> {
                throw new InvalidFieldsException("name", problem);
            });
        }
        try {
            ModelInfo info = exchange.importFile(file.getBytes(), file.getOriginalFilename(), chosen, dataset);
            return ResponseEntity.created(URI.create("/api/v1/models/" + info.id()))
                    .body(info);
        } catch (IOException e) {
            throw new InvalidFieldsException("file", "the upload could not be read: " + e.getMessage());
        }
    }

    private static String blankToNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
