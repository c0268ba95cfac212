package dev.backprop.dataset;

import dev.backprop.api.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "The images jobs train on")
class DatasetController {

    private final DatasetCatalog catalog;

    DatasetController(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(
            summary = "List datasets",
            description = "Built-in and uploaded datasets, their sizes and whether they are available")
    List<DatasetInfo> list() {
        return catalog.list();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Describe a dataset")
    DatasetInfo get(@PathVariable String id) {
        try {
            return catalog.describe(id);
        } catch (UnknownDatasetException e) {
            throw ApiException.notFound("dataset", id);
        }
    }
}
