package dev.backprop.model;

import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.NotFoundException;
import dev.backprop.image.MnistPreprocessor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Why a model gave an image its class: the same bodies as /predict, answered with per-pixel attributions
 * as JSON or, for {@code Accept: image/png}, as a heat map over the input.
 */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Trained networks and their predictions")
class ExplainController {

    /** Declared on the errors: with JSON and PNG among the produced types, springdoc would offer those. */
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final ModelStore models;
    private final PictureInputs pictures;

    ExplainController(ModelStore models, MnistPreprocessor preprocessor, ImageProperties images) {
        this.models = models;
        this.pictures = new PictureInputs(preprocessor, images.maxFileSize().toBytes());
    }

    @PostMapping(
            path = "/{id}/explain",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.IMAGE_PNG_VALUE})
    // Both handlers declare both bodies, JSON first: springdoc merges them into one operation, whose
    // bodies then keep the order of whichever handler it reads first.
    @Operation(
            operationId = "explain",
            summary = ExplainDocs.SUMMARY,
            description = ExplainDocs.DESCRIPTION,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = ExplainRequest.class),
                                        examples =
                                                @ExampleObject(name = "a hand-drawn 7", value = ExplainDocs.EXAMPLE)),
                                @Content(
                                        mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                        schema = @Schema(implementation = ExplainDocs.PictureForm.class))
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "The attributions as JSON, or the heat map for Accept: image/png",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = ExplanationResponse.class)),
                @Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary"))
            })
    @ApiResponse(
            responseCode = "400",
            description = "Bad pixels, an unknown method or target class, steps outside 1–512, a baseline of the"
                    + " wrong length",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such model",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> explain(
            @PathVariable String id,
            @RequestBody ExplainRequest request,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        StoredModel model = find(id);
        float[] input = ModelInput.single(request == null ? null : request.image28());
        Explanations.Options options = Explanations.Options.of(
                request.method(), request.target(), request.steps(), Explanations.baseline(request.baseline()));
        return answer(Explanations.explain(model.classifier(), input, options), accept);
    }

    @PostMapping(
            path = "/{id}/explain",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.IMAGE_PNG_VALUE})
    // Both handlers declare both bodies, JSON first: springdoc merges them into one operation, whose
    // bodies then keep the order of whichever handler it reads first.
    @Operation(
            operationId = "explainPicture",
            summary = ExplainDocs.SUMMARY,
            description = ExplainDocs.DESCRIPTION,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = ExplainRequest.class),
                                        examples =
                                                @ExampleObject(name = "a hand-drawn 7", value = ExplainDocs.EXAMPLE)),
                                @Content(
                                        mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                        schema = @Schema(implementation = ExplainDocs.PictureForm.class))
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "The attributions as JSON, or the heat map for Accept: image/png",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = ExplanationResponse.class)),
                @Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary"))
            })
    @ApiResponse(
            responseCode = "400",
            description = "No file, an empty or damaged one, a picture without ink, or bad explanation fields",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such model",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description = "A file over the upload limit",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "415",
            description = "Not a PNG, JPEG, GIF or BMP",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> explainPicture(
            @PathVariable String id,
            @RequestPart(name = "file", required = false) List<MultipartFile> files,
            @Parameter(hidden = true) @RequestParam(required = false) String method,
            @Parameter(hidden = true) @RequestParam(required = false) String target,
            @Parameter(hidden = true) @RequestParam(required = false) String steps,
            @Parameter(hidden = true) @RequestParam(required = false) String baseline,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        StoredModel model = find(id);
        if (files == null || files.isEmpty()) {
            throw new InvalidFieldsException("file", "attach the picture as a multipart part named 'file'");
        }
        if (files.size() > 1) {
            throw new InvalidFieldsException("file", files.size() + " files sent; explain one picture at a time");
        }
        Explanations.Options options = Explanations.Options.of(
                method,
                Explanations.wholeNumber(target, "target"),
                Explanations.wholeNumber(steps, "steps"),
                Explanations.baseline(baseline));
        float[] input = ModelInput.scaled(pictures.prepare(files).get(0).pixels());
        return answer(Explanations.explain(model.classifier(), input, options), accept);
    }

    /** JSON, or the heat map when the client puts image/png before JSON in its Accept header. */
    private static ResponseEntity<?> answer(ExplanationResponse explanation, String accept) {
        if (wantsPng(accept)) {
            return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(HeatMap.png(explanation));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(explanation);
    }

    static boolean wantsPng(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return false;
        }
        double png = 0;
        double json = 0;
        for (MediaType type : types) {
            double quality = type.getQualityValue();
            if (type.getType().equals("image") && type.getSubtype().equals("png")) {
                png = Math.max(png, quality);
            } else if (type.includes(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, quality * (type.isWildcardType() ? 0.99 : 1)); // */* yields to an explicit png
            }
        }
        return png > 0 && png >= json;
    }

    private StoredModel find(String id) {
        return models.find(id).orElseThrow(() -> new NotFoundException("model", id));
    }
}
