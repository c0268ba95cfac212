package dev.backprop.dataset;

import dev.backprop.blob.BlobStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Uploaded datasets: records in the database, images in the blob store. */
@Configuration(proxyBeanMethods = false)
class UploadStorageConfiguration {

    @Bean
    UploadStore uploadStore(JdbcClient db, BlobStore blobs, JsonMapper json) {
        return new SharedUploadStore(db, blobs, json);
    }
}
