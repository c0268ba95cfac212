package dev.backprop.model;

import dev.backprop.config.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The model store {@code backprop.storage.type} asks for. */
@Configuration(proxyBeanMethods = false)
class ModelStorageConfiguration {

    @Bean
    ModelStore modelStore(StorageProperties storage, JsonMapper json) {
        return storage.onDisk()
                ? new DiskModelStore(storage.dir().resolve("models"), new ModelFile(json))
                : new InMemoryModelStore();
    }
}
