package dev.backprop.model;

import dev.backprop.engine.Classifier;
import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.NotFoundException;
import dev.backprop.image.MnistImage;
import dev.backprop.image.MnistPreprocessor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartRequest;

/** Predictions from pictures: the same paths as the JSON predictions, for multipart/form-data bodies. */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Trained networks and their predictions")
class PictureController {

    private final ModelStore models;
    private final PictureInputs pictures;
    private final PredictionProperties limits;

    PictureController(
            ModelStore models, MnistPreprocessor preprocessor, PredictionProperties limits, ImageProperties images) {
        this.models = models;
        this.pictures = new PictureInputs(preprocessor, images.maxFileSize().toBytes());
        this.limits = limits;
    }

    @PostMapping(path = "/{id}/predict", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            // Merged with the JSON handler into one operation, "predict"; this id only keeps it apart.
            operationId = "predictMultipart",
            summary = PredictionDocs.PREDICT_SUMMARY,
            description = PredictionDocs.PREDICT)
    @ApiResponse(
            responseCode = "200",
            description = "The prediction; for a picture, with the input it became",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {PredictionResponse.class, PicturePredictionResponse.class})))
    @ApiResponse(responseCode = "400", description = "No file, an empty or damaged one, or a picture without ink")
    @ApiResponse(responseCode = "404", description = "No such model")
    @ApiResponse(
            responseCode = "413",
            description =
                    "A file over the upload limit, or a picture declaring more pixels than backprop.images.max-pixels")
    @ApiResponse(responseCode = "415", description = "Not a PNG, JPEG, GIF or BMP")
    PicturePredictionResponse predictPicture(
            @PathVariable String id, @RequestPart(name = "file", required = false) List<MultipartFile> files) {
        return predictOne(id, files);
    }

    /**
     * The multipart form of predict as an operation of its own: generated clients make one method per
     * operation and take predict's JSON body, so without it they could not send a picture.
     */
    @PostMapping(path = "/{id}/predict/picture", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "predictPicture",
            summary = "Classify a picture",
            description = "The multipart form of predict, for clients that make one method per operation: part"
                    + " `file`, a PNG, JPEG, GIF or BMP of any size, made into an MNIST-style input first; the"
                    + " answer is predict's, with that `input` and how the `picture` was read.")
    @ApiResponse(responseCode = "200", description = "The prediction, with the input the picture became")
    @ApiResponse(responseCode = "400", description = "No file, several, an empty or damaged one, or no ink")
    @ApiResponse(responseCode = "404", description = "No such model")
    @ApiResponse(
            responseCode = "413",
            description =
                    "A file over the upload limit, or a picture declaring more pixels than backprop.images.max-pixels")
    @ApiResponse(responseCode = "415", description = "Not a PNG, JPEG, GIF or BMP")
    PicturePredictionResponse predictOnePicture(
            @PathVariable String id,
            @Parameter(description = "A PNG, JPEG, GIF or BMP of any size") @RequestPart(name = "file")
                    MultipartFile file,
            @Parameter(hidden = true) MultipartRequest request) {
        // The part is required (a missing one is a 400 before this runs); more than one is named below.
        return predictOne(id, request.getFiles("file"));
    }

    private PicturePredictionResponse predictOne(String id, List<MultipartFile> files) {
        Classifier classifier = find(id).classifier();
        if (files == null || files.isEmpty()) {
            throw new InvalidFieldsException("file", "attach the picture as a multipart part named 'file'");
        }
        if (files.size() > 1) {
            throw new InvalidFieldsException(
                    "file", files.size() + " files sent; send one here, or several to /predict/batch");
        }
        MultipartFile file = files.get(0);
        MnistImage image = pictures.prepare(files).get(0);
        return PicturePredictionResponse.of(
                classifier.predict(ModelInput.scaled(image.pixels())), image, file.getOriginalFilename());
    }

    @PostMapping(path = "/{id}/predict/batch", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "predictPictures",
            summary = PredictionDocs.BATCH_SUMMARY,
            description = PredictionDocs.BATCH)
    @ApiResponse(
            responseCode = "200",
            description = "One prediction per image or picture, in order",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            oneOf = {BatchPredictionResponse.class, PictureBatchPredictionResponse.class
                                            })))
    @ApiResponse(responseCode = "400", description = "No images or files, too many, or bad ones (named by index)")
    @ApiResponse(responseCode = "404", description = "No such model")
    PictureBatchPredictionResponse predictPictures(
            @PathVariable String id, @RequestPart(name = "file", required = false) List<MultipartFile> files) {
        Classifier classifier = find(id).classifier();
        if (files == null || files.isEmpty()) {
            throw new InvalidFieldsException("file", "attach the pictures as multipart parts named 'file'");
        }
        if (files.size() > limits.maxBatchSize()) {
            throw new InvalidFieldsException(
                    "file",
                    files.size() + " files is more than the " + limits.maxBatchSize()
                            + " one request may carry (backprop.prediction.max-batch-size)");
        }
        List<MnistImage> images = pictures.prepare(files);
        float[] inputs = new float[images.size() * ModelInput.PIXELS];
        for (int k = 0; k < images.size(); k++) {
            System.arraycopy(
                    ModelInput.scaled(images.get(k).pixels()), 0, inputs, k * ModelInput.PIXELS, ModelInput.PIXELS);
        }
        float[] probabilities = classifier.probabilities(inputs, images.size());
        int classes = classifier.classes();
        List<PicturePredictionResponse> predictions = new ArrayList<>(images.size());
        for (int k = 0; k < images.size(); k++) {
            float[] one = Arrays.copyOfRange(probabilities, k * classes, (k + 1) * classes);
            predictions.add(PicturePredictionResponse.of(
                    Classifier.Prediction.of(one), images.get(k), files.get(k).getOriginalFilename()));
        }
        return new PictureBatchPredictionResponse(predictions);
    }

    private StoredModel find(String id) {
        return models.find(id).orElseThrow(() -> new NotFoundException("model", id));
    }
}
