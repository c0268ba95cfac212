package dev.backprop.dataset;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Built-in datasets, their download, and uploads.
 *
 * @param dir            where {@code mnist/} and {@code fashion-mnist/} are looked up first and where
 *                       downloads are cached (default {@code ${backprop.storage.dir}/datasets}, set in
 *                       application.properties)
 * @param searchDirs     more folders holding {@code <dataset>/} sub-folders, looked in after {@code dir};
 *                       Debian's {@code dataset-*} packages install into {@code /usr/share/datasets}
 * @param download       fetch a missing built-in dataset from its public mirrors on first use
 * @param mirrors        mirror base URLs per dataset id, tried in order; a dataset not named keeps its
 *                       built-in list
 * @param connectTimeout longest wait for a mirror to accept the connection
 * @param readTimeout    longest wait for the next bytes of a download before giving up on that mirror
 * @param maxUploadSize  largest {@code POST /api/v1/datasets} request (all its parts together)
 * @param maxExamples    most images one uploaded part may hold; checked before anything is allocated
 * @param maxUploadMemory memory the uploads being read may take together, reserved from what their
 *                       parts declare before they are inflated; absent means a quarter of the heap
 * @param cacheSize      memory the datasets kept loaded for jobs and evaluations may take; the least
 *                       recently used that no running job holds goes first; absent means a third of the heap
 */
@Validated
@ConfigurationProperties("backprop.datasets")
public record DatasetProperties(
        @NotNull Path dir,
        @DefaultValue("/usr/share/datasets") List<Path> searchDirs,
        @DefaultValue("true") boolean download,
        Map<String, List<URI>> mirrors,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @NotNull @DefaultValue("300MB") DataSize maxUploadSize,
        @Positive @Max(2_000_000) @DefaultValue("200000") int maxExamples,
        DataSize maxUploadMemory,
        DataSize cacheSize) {

    public DatasetProperties {
        searchDirs = searchDirs == null ? List.of() : List.copyOf(searchDirs);
        mirrors = mirrors == null ? Map.of() : Map.copyOf(mirrors);
    }
}
