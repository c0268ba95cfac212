package dev.backprop.dataset;

import java.time.Instant;
import java.util.Map;

/**
 * What Backprop keeps about an uploaded dataset besides its images.
 *
 * @param id           the name jobs use: a generated UUID
 * @param name         for people
 * @param format       {@code idx} or {@code csv}, as uploaded
 * @param classes      labels lie in 0 to classes − 1
 * @param trainingSize images in the training split
 * @param testSize     images in the test split
 * @param createdAt    when it was uploaded
 * @param files        each part's original file name, by part
 */
public record UploadedDataset(
        String id,
        String name,
        String format,
        int classes,
        int trainingSize,
        int testSize,
        Instant createdAt,
        Map<String, String> files) {

    public UploadedDataset {
        files = files == null ? Map.of() : Map.copyOf(files);
    }
}
