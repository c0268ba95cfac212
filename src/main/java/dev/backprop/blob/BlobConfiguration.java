package dev.backprop.blob;

import dev.backprop.config.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The blob store the storage properties ask for: the storage folder, or memory. */
@Configuration(proxyBeanMethods = false)
class BlobConfiguration {

    @Bean
    BlobStore blobStore(StorageProperties storage) {
        return storage.onDisk() ? new LocalBlobStore(storage.dir()) : new MemoryBlobStore();
    }
}
