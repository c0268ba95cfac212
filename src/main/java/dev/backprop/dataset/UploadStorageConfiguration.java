package dev.backprop.dataset;

import dev.backprop.config.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The store of uploaded datasets {@code backprop.storage.type} asks for. */
@Configuration(proxyBeanMethods = false)
class UploadStorageConfiguration {

    @Bean
    UploadStore uploadStore(StorageProperties storage, JsonMapper json) {
        return storage.onDisk()
                ? new DiskUploadStore(storage.dir().resolve("uploads"), json)
                : new InMemoryUploadStore();
    }
}
