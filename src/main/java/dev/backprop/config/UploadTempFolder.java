package dev.backprop.config;

import dev.backprop.blob.StorageProperties;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Multipart uploads spool to {@code <storage>/tmp/uploads} (or {@code spring.servlet.multipart.location})
 * rather than the JVM's temp folder, and whatever a killed process left there is deleted at start-up:
 * each {@code kill -9} during an upload would otherwise leave its parts behind for good.
 */
@Configuration(proxyBeanMethods = false)
class UploadTempFolder {

    private static final Logger log = LoggerFactory.getLogger(UploadTempFolder.class);

    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, StorageProperties storage) {
        Path dir = StringUtils.hasText(multipart.getLocation())
                ? Path.of(multipart.getLocation())
                : storage.dir().resolve("tmp").resolve("uploads");
        dir = usable(dir.toAbsolutePath().normalize());
        MultipartConfigElement limits = multipart.createMultipartConfig();
        return new MultipartConfigElement(
                dir.toString(), limits.getMaxFileSize(), limits.getMaxRequestSize(), limits.getFileSizeThreshold());
    }

    /**
     * The folder, emptied; on a read-only store, a folder of the JVM's temp instead, so that the service
     * still starts and serves what is stored (an upload is then refused when its dataset is written).
     */
    private static Path usable(Path dir) {
        try {
            clean(dir);
            return dir;
        } catch (UncheckedIOException e) {
            if (writableAbove(dir)) {
                throw e;
            }
            try {
                Path temp = Files.createTempDirectory("backprop-uploads");
                log.warn(
                        "The store is read-only ({}); upload parts spool to {}",
                        e.getCause().getMessage(),
                        temp);
                return temp;
            } catch (IOException noTemp) {
                throw e;
            }
        }
    }

    /** Whether the nearest existing folder at or above {@code dir} can be written. */
    private static boolean writableAbove(Path dir) {
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.exists(at)) {
                return Files.isWritable(at);
            }
        }
        return true;
    }

    private static void clean(Path dir) {
        try {
            Files.createDirectories(dir);
            int deleted = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
            if (deleted > 0) {
                log.info("Deleted {} upload part(s) left in {} by a process that stopped mid-upload", deleted, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the upload folder " + dir, e);
        }
    }
}
