package dev.backprop.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the dataset list says about one dataset. */
@Schema(name = "Dataset", description = "A dataset a training job can name")
public record DatasetInfo(
        @Schema(description = "What a job's `dataset` field names", example = "mnist")
        String id,

        @Schema(example = "mnist") String name,

        @Schema(example = "Handwritten digits 0–9 (LeCun, Cortes and Burges)")
        String description,

        @Schema(description = "true for mnist and fashion-mnist, false for uploads")
        boolean builtIn,

        @Schema(
                description =
                        "whether a job can train on it now: its files are at hand, or a built-in dataset will be downloaded when a job first needs it")
        boolean available,

        @Schema(example = "60000") int trainingSize,
        @Schema(example = "10000") int testSize,
        @Schema(example = "28") int height,
        @Schema(example = "28") int width,
        @Schema(example = "10") int classes,

        @Schema(description = "What each label means, label 0 first; null for uploads")
        List<String> classNames,

        @Schema(description = "`idx`, or `csv` for a dataset uploaded as CSV", example = "idx")
        String format,

        @Schema(
                description =
                        "Built-in datasets: whether the four files are on disk (false: they are downloaded on first use)")
        Boolean filesPresent,

        @Schema(description = "Built-in datasets: the folder the files are read from, or downloaded into")
        String folder,

        @Schema(description = "Uploads: when it was uploaded")
        Instant createdAt,

        @Schema(description = "why it is not available, and what to do about it")
        String unavailableReason) {

    static DatasetInfo of(UploadedDataset upload) {
        return new DatasetInfo(
                upload.id(),
                upload.name(),
                "Uploaded as " + upload.format().toUpperCase(java.util.Locale.ROOT),
                false,
                true,
                upload.trainingSize(),
                upload.testSize(),
                IdxFolder.SIDE,
                IdxFolder.SIDE,
                upload.classes(),
                null,
                upload.format(),
                null,
                null,
                upload.createdAt(),
                null);
    }
}
