package dev.backprop.dataset;

import dev.backprop.failure.ConflictException;
import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import dev.backprop.paging.PageAnswer;
import dev.backprop.paging.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartRequest;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "The images jobs train on: built-in, downloaded on first use, or uploaded")
class DatasetController {

    private final DatasetCatalog catalog;
    private final DatasetUsage usage;

    DatasetController(DatasetCatalog catalog, DatasetUsage usage) {
        this.catalog = catalog;
        this.usage = usage;
    }

    @GetMapping
    @Operation(
            operationId = "listDatasets",
            summary = "List datasets",
            description = "The built-in datasets, then the uploaded ones newest first, with their sizes and whether a "
                    + "job can train on them; a page at a time: follow the `Link` header's `next` for the rest")
    ResponseEntity<List<DatasetInfo>> list(
            @Parameter(
                            description = PageRequest.LIMIT,
                            schema = @Schema(minimum = "1", maximum = "1000", defaultValue = "100"))
                    @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = PageRequest.CURSOR) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(limit, cursor);
        return PageAnswer.of(DatasetPages.page(catalog.list(), page), page.limit(), request);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getDataset",
            summary = "Describe a dataset",
            description = "Its sizes, classes and whether a job can use it")
    @ApiResponse(responseCode = "200", description = "The dataset")
    @ApiResponse(responseCode = "404", description = "No such dataset")
    DatasetInfo get(@PathVariable String id) {
        return catalog.describe(id);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "uploadDataset",
            summary = "Upload a dataset",
            description = "Either the four IDX parts (raw or gzip, as MNIST ships them) or the two CSV parts "
                    + "(`label,p0,…,p783` per line, pixels 0–255 row-major, header optional, gzip accepted). Every image "
                    + "is checked before anything is stored; the dataset is kept in compact binary form.")
    @ApiResponse(responseCode = "201", description = "Stored; `Location` names the dataset, whose `id` jobs use")
    @ApiResponse(
            responseCode = "400",
            description = "A part is missing or wrong: `errors` names it and says what is wrong")
    @ApiResponse(
            responseCode = "413",
            description = "The upload is larger than `backprop.datasets.max-upload-size`, or a part holds more images "
                    + "than `backprop.datasets.max-examples`")
    ResponseEntity<DatasetInfo> upload(
            @Parameter(description = "IDX images of the training split") @RequestPart(required = false)
                    MultipartFile trainImages,
            @Parameter(description = "IDX labels of the training split") @RequestPart(required = false)
                    MultipartFile trainLabels,
            @Parameter(description = "IDX images of the test split") @RequestPart(required = false)
                    MultipartFile testImages,
            @Parameter(description = "IDX labels of the test split") @RequestPart(required = false)
                    MultipartFile testLabels,
            @Parameter(description = "CSV of the training split") @RequestPart(required = false) MultipartFile train,
            @Parameter(description = "CSV of the test split") @RequestPart(required = false) MultipartFile test,
            @Parameter(description = "A name for people; defaults to the training file's name")
                    @RequestParam(required = false)
                    String name,
            @Parameter(description = "Number of classes; labels lie in 0 to classes − 1 (2 to 128, default 10)")
                    @RequestParam(required = false)
                    String classes,
            @Parameter(hidden = true) MultipartRequest request) {
        Map<String, DatasetUpload.Part> parts = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        request.getMultiFileMap().forEach((part, files) -> {
            MultipartFile file = files.get(0);
            parts.put(part, new DatasetUpload.Part(part, file.getOriginalFilename(), file.getSize(), file));
            if (files.size() > 1) {
                problems.add(new FieldProblem(part, "is sent " + files.size() + " times; send it once"));
            }
        });
        DatasetUpload upload = new DatasetUpload(name, classes, parts);
        problems.addAll(upload.problems());
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems);
        }
        DatasetInfo stored;
        try {
            stored = catalog.add(upload);
        } catch (IOException e) {
            throw new InvalidFieldsException("the upload could not be read: " + e.getMessage(), e);
        }
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + stored.id()))
                .body(stored);
    }

    @DeleteMapping("/{id}")
    @Operation(
            operationId = "deleteDataset",
            summary = "Delete an uploaded dataset",
            description = "Refused while a queued or running job uses it")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such dataset")
    @ApiResponse(responseCode = "409", description = "A built-in dataset, or one a queued or running job uses")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (catalog.isBuiltIn(id)) {
            throw new ConflictException("dataset '" + id + "' is built in and cannot be deleted");
        }
        List<String> jobs = usage.unfinishedJobsUsing(id);
        if (!jobs.isEmpty()) {
            throw new ConflictException(
                    "dataset '" + id + "' is used by " + jobs.size() + " queued or running job"
                            + (jobs.size() == 1 ? "" : "s") + " (" + String.join(", ", jobs)
                            + "); cancel them or wait for them to finish",
                    Map.of("jobs", jobs));
        }
        catalog.delete(id);
        return ResponseEntity.noContent().build();
    }
}
