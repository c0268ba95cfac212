package dev.backprop.dataset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartRequest;

/**
 * The two forms of a dataset upload as operations of their own, every part required: a generated client
 * makes one method per operation and refuses to leave out a part, so {@code POST /api/v1/datasets}, whose
 * parts are each optional (four IDX or two CSV), cannot be called from one. Both store as it does.
 */
@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "The images jobs train on: built-in, downloaded on first use, or uploaded")
class DatasetFormsController {

    private static final String NAME = "A name for people; defaults to the training file's name";
    private static final String CLASSES = "Number of classes; labels lie in 0 to classes − 1 (2 to 128, default 10)";

    private final DatasetController uploads;

    DatasetFormsController(DatasetController uploads) {
        this.uploads = uploads;
    }

    @PostMapping(path = "/idx", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "uploadIdxDataset",
            summary = "Upload a dataset as IDX files",
            description = "The four IDX parts, raw or gzip, as MNIST ships them; the same upload as"
                    + " POST /api/v1/datasets with those parts.")
    @ApiResponse(responseCode = "201", description = "Stored; `Location` names the dataset, whose `id` jobs use")
    @ApiResponse(responseCode = "400", description = "A part is missing or wrong: the problem names it")
    @ApiResponse(
            responseCode = "413",
            description = "The upload is larger than `backprop.datasets.max-upload-size`, or a part holds more images "
                    + "than `backprop.datasets.max-examples`")
    ResponseEntity<DatasetInfo> uploadIdx(
            @Parameter(description = "IDX images of the training split") @RequestPart MultipartFile trainImages,
            @Parameter(description = "IDX labels of the training split") @RequestPart MultipartFile trainLabels,
            @Parameter(description = "IDX images of the test split") @RequestPart MultipartFile testImages,
            @Parameter(description = "IDX labels of the test split") @RequestPart MultipartFile testLabels,
            @Parameter(description = NAME) @RequestParam(required = false) String name,
            @Parameter(description = CLASSES, schema = @Schema(type = "integer", minimum = "2", maximum = "128"))
                    @RequestParam(required = false)
                    String classes,
            @Parameter(hidden = true) MultipartRequest request) {
        return uploads.upload(trainImages, trainLabels, testImages, testLabels, null, null, name, classes, request);
    }

    @PostMapping(path = "/csv", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "uploadCsvDataset",
            summary = "Upload a dataset as CSV files",
            description = "The two CSV parts, `label,p0,…,p783` per line, pixels 0–255 row-major, header optional,"
                    + " gzip accepted; the same upload as POST /api/v1/datasets with those parts.")
    @ApiResponse(responseCode = "201", description = "Stored; `Location` names the dataset, whose `id` jobs use")
    @ApiResponse(responseCode = "400", description = "A part is missing or wrong: the problem names it")
    @ApiResponse(
            responseCode = "413",
            description = "The upload is larger than `backprop.datasets.max-upload-size`, or a part holds more images "
                    + "than `backprop.datasets.max-examples`")
    ResponseEntity<DatasetInfo> uploadCsv(
            @Parameter(description = "CSV of the training split") @RequestPart MultipartFile train,
            @Parameter(description = "CSV of the test split") @RequestPart MultipartFile test,
            @Parameter(description = NAME) @RequestParam(required = false) String name,
            @Parameter(description = CLASSES, schema = @Schema(type = "integer", minimum = "2", maximum = "128"))
                    @RequestParam(required = false)
                    String classes,
            @Parameter(hidden = true) MultipartRequest request) {
        return uploads.upload(null, null, null, null, train, test, name, classes, request);
    }
}
