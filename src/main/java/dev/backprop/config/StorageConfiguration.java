package dev.backprop.config;

import dev.backprop.dataset.DiskUploadStore;
import dev.backprop.dataset.InMemoryUploadStore;
import dev.backprop.dataset.UploadStore;
import dev.backprop.job.CheckpointStore;
import dev.backprop.job.DiskCheckpointStore;
import dev.backprop.job.DiskJobStore;
import dev.backprop.job.JobStore;
import dev.backprop.model.DiskModelStore;
import dev.backprop.model.InMemoryModelStore;
import dev.backprop.model.ModelFile;
import dev.backprop.model.ModelStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Chooses the memory or disk stores of models, uploaded datasets and jobs, as {@code backprop.storage.type} says. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    ModelStore modelStore(StorageProperties storage, JsonMapper json) {
        return storage.onDisk()
                ? new DiskModelStore(storage.dir().resolve("models"), new ModelFile(json))
                : new InMemoryModelStore();
    }

    @Bean
    CheckpointStore checkpointStore(StorageProperties storage) {
        return storage.onDisk()
                ? new DiskCheckpointStore(storage.dir().resolve("checkpoints"))
                : CheckpointStore.none();
    }

    @Bean
    UploadStore uploadStore(StorageProperties storage, JsonMapper json) {
        return storage.onDisk()
                ? new DiskUploadStore(storage.dir().resolve("uploads"), json)
                : new InMemoryUploadStore();
    }

    @Bean
    JobStore jobStore(StorageProperties storage, JsonMapper json) {
        return storage.onDisk() ? new DiskJobStore(storage.dir().resolve("jobs"), json) : JobStore.inMemory();
    }
}
