package dev.backprop.dataset;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A real dataset catalogue for slices, over the synthetic digits the shared-context tests train on
 * ({@code mnist}: 2,000 training and 500 test images, written once per JVM), uploads in memory, no downloads.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SyntheticCatalog {

    public static final int TRAINING = 2000;
    public static final int TEST = 500;

    private static final Path DATASETS = write();

    private static Path write() {
        try {
            Path dir = Files.createTempDirectory("backprop-slice-datasets");
            IdxFiles.writeSyntheticDataset(dir.resolve("mnist"), TRAINING, TEST);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    DatasetCatalog datasetCatalog(MeterRegistry registry) {
        DatasetProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "backprop.datasets.dir", DATASETS.toString(),
                        "backprop.datasets.download", "false",
                        "backprop.datasets.search-dirs", "")))
                .bindOrCreate("backprop.datasets", DatasetProperties.class);
        return new DatasetCatalog(properties, new InMemoryUploadStore(), registry);
    }
}
