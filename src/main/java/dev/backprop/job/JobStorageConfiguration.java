package dev.backprop.job;

import dev.backprop.config.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The stores of job records and checkpoints {@code backprop.storage.type} asks for. */
@Configuration(proxyBeanMethods = false)
class JobStorageConfiguration {

    @Bean
    CheckpointStore checkpointStore(StorageProperties storage) {
        return storage.onDisk()
                ? new DiskCheckpointStore(storage.dir().resolve("checkpoints"))
                : CheckpointStore.none();
    }

    @Bean
    JobStore jobStore(StorageProperties storage, JsonMapper json) {
        return storage.onDisk() ? new DiskJobStore(storage.dir().resolve("jobs"), json) : JobStore.inMemory();
    }
}
