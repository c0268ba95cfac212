package dev.backprop.blob;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where models, jobs and uploaded datasets are kept.
 *
 * @param type {@code disk} survives restarts; {@code memory} keeps everything in the JVM only
 * @param dir  root folder of the disk store
 */
@Validated
@ConfigurationProperties("backprop.storage")
public record StorageProperties(
        @NotNull @DefaultValue("disk") StorageType type,
        @NotNull @DefaultValue("./data") Path dir) {

    public enum StorageType {
        DISK,
        MEMORY
    }

    public boolean onDisk() {
        return type == StorageType.DISK;
    }
}
