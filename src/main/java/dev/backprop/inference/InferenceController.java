package dev.backprop.inference;

import dev.backprop.engine.Classifier;
import dev.backprop.model.ModelStore;
import dev.backprop.model.PredictionProperties;
import dev.backprop.model.StoredModel;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol (KServe v2, as Triton and KServe clients speak it) over HTTP: health,
 * server and model metadata, and inference on batches of 28×28 images. Errors are the protocol's
 * {@code {"error": "…"}} (see {@link InferenceErrors}), unknown paths and methods under /v2 too.
 */
@RestController
@RequestMapping("/v2")
@Tag(
        name = "Open Inference Protocol",
        description =
                "KServe v2 / Triton HTTP endpoints: a model is addressed by its id; errors are {\"error\": \"…\"}")
class InferenceController {

    static final String PROBABILITIES = InferenceOutputs.PROBABILITIES;
    static final String LABEL = InferenceOutputs.LABEL;
    private static final String PLATFORM = "backprop";

    private final ModelStore models;
    private final PredictionProperties limits;
    private final ApplicationAvailability availability;
    private final JsonMapper json;

    InferenceController(
            ModelStore models, PredictionProperties limits, ApplicationAvailability availability, JsonMapper json) {
        this.models = models;
        this.limits = limits;
        this.availability = availability;
        this.json = json;
    }

    @GetMapping("/health/live")
    @Operation(
            operationId = "serverLive",
            summary = "Server live",
            description = "200 while the server can answer requests")
    Map<String, Boolean> live() {
        return Map.of("live", true);
    }

    @GetMapping("/health/ready")
    @Operation(
            operationId = "serverReady",
            summary = "Server ready",
            description = "200 when the server accepts traffic, else 503")
    ResponseEntity<Map<String, Boolean>> ready() {
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("ready", ready));
    }

    @GetMapping({"", "/"})
    @Operation(
            operationId = "serverMetadata",
            summary = "Server metadata",
            description = "The server's name, version and protocol extensions")
    ServerMetadata server() {
        String version = Optional.ofNullable(
                        InferenceController.class.getPackage().getImplementationVersion())
                .orElse("development");
        return new ServerMetadata(PLATFORM, version, List.of("binary_tensor_data"));
    }

    @GetMapping("/models/{id}")
    @Operation(
            operationId = "modelMetadata",
            summary = "Model metadata",
            description = "Input `input` [-1, 784] (FP32 0–1 or UINT8 0–255); "
                    + "outputs `probabilities` [-1, 10] FP32 and `label` [-1] INT64")
    @ApiResponse(
            responseCode = "404",
            description = "No such model",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    @ApiResponse(responseCode = "200", description = "The model's tensors")
    ModelMetadata metadata(@PathVariable String id) {
        StoredModel model = model(id);
        Classifier classifier = model.classifier();
        return new ModelMetadata(
                name(model),
                version(model) == null ? List.of() : List.of(version(model)),
                PLATFORM,
                List.of(new ModelMetadata.Tensor(
                        InferenceInput.NAME, InferenceInput.FP32, new long[] {-1, classifier.inputSize()})),
                List.of(
                        new ModelMetadata.Tensor(PROBABILITIES, "FP32", new long[] {-1, classifier.classes()}),
                        new ModelMetadata.Tensor(LABEL, "INT64", new long[] {-1})));
    }

    @GetMapping("/models/{id}/ready")
    @Operation(
            operationId = "modelReady",
            summary = "Model ready",
            description = "200 for a stored model, which is always ready; 404 otherwise")
    @ApiResponse(
            responseCode = "404",
            description = "No such model",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    @ApiResponse(responseCode = "200", description = "The model is ready")
    Map<String, Object> modelReady(@PathVariable String id) {
        return Map.of("name", name(model(id)), "ready", true);
    }

    @PostMapping("/models/{id}/infer")
    @Operation(
            operationId = "modelInfer",
            summary = "Inference",
            description = "`inputs[0]`: FP32 (0–1) or UINT8 (0–255), shape [N, 784] or [N, 28, 28], data flat or"
                    + " nested. Answers `probabilities` [N, 10] and `label` [N], or those named in `outputs`. With the"
                    + " binary tensor data extension (header `Inference-Header-Content-Length`), the input's raw"
                    + " little-endian elements follow the JSON header, and outputs with `binary_data: true` follow"
                    + " the answer's JSON header the same way (`application/octet-stream`).")
    @ApiResponse(
            responseCode = "400",
            description = "A bad tensor, datatype, shape or output name",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such model",
            content = @Content(schema = @Schema(implementation = InferenceError.class)))
    @ApiResponse(responseCode = "200", description = "The requested outputs")
    InferenceResponse infer(@PathVariable String id, @RequestBody InferenceRequest request) {
        StoredModel model = model(id);
        Classifier classifier = model.classifier();
        InferenceInput.Batch batch = InferenceInput.read(request, classifier.inputSize(), limits.maxBatchSize());
        InferenceOutputs outputs = InferenceOutputs.of(request, classifier, batch, false);
        return new InferenceResponse(name(model), version(model), request.id(), outputs.json());
    }

    /**
     * Inference with the binary tensor data extension: a JSON header of {@code
     * Inference-Header-Content-Length} bytes, then the input's raw elements; outputs asked for as binary
     * data follow the answer's JSON header the same way. Documented on {@code modelInfer}.
     */
    @Hidden
    @PostMapping(path = "/models/{id}/infer", headers = BinaryTensors.HEADER_LENGTH)
    ResponseEntity<byte[]> inferBinary(
            @PathVariable String id,
            @RequestHeader(BinaryTensors.HEADER_LENGTH) String headerLength,
            @RequestBody byte[] body) {
        int length = BinaryTensors.headerLength(headerLength, body.length);
        InferenceRequest request;
        try {
            request = json.readValue(body, 0, length, InferenceRequest.class);
        } catch (JacksonException unreadable) {
            throw InferenceException.badRequest("the " + length + "-byte JSON header is not a valid inference "
                    + "request: " + unreadable.getOriginalMessage());
        }
        StoredModel model = model(id);
        Classifier classifier = model.classifier();
        InferenceInput.Batch batch =
                InferenceInput.read(request, classifier.inputSize(), limits.maxBatchSize(), body, length);
        InferenceOutputs outputs = InferenceOutputs.of(request, classifier, batch, true);
        byte[] header = json.writeValueAsBytes(
                new InferenceResponse(name(model), version(model), request.id(), outputs.json()));
        if (!outputs.hasBinary()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(header);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(BinaryTensors.HEADER_LENGTH, Integer.toString(header.length))
                .body(outputs.withBinaryAfter(header));
    }

    private StoredModel model(String reference) {
        return models.find(reference).orElseThrow(() -> InferenceException.unknownModel(reference));
    }

    /** The protocol's model name: the registry name, or the id of a model without one. */
    private static String name(StoredModel model) {
        return model.info().name() != null && model.info().version() != null
                ? model.info().name()
                : model.id();
    }

    private static String version(StoredModel model) {
        return model.info().version() == null ? null : model.info().version().toString();
    }
}
