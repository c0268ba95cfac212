package dev.backprop.model;

import dev.backprop.blob.BlobStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Models: records in the database, files in the blob store, a bounded cache for prediction. */
@Configuration(proxyBeanMethods = false)
class ModelStorageConfiguration {

    @Bean
    ModelFile modelFile(JsonMapper json) {
        return new ModelFile(json);
    }

    @Bean
    ModelNames modelRegistry(JdbcClient db, JsonMapper json, TransactionTemplate transactions) {
        return new ModelNames(db, json, transactions);
    }

    @Bean
    ModelStore modelStore(
            JdbcClient db,
            TransactionTemplate transactions,
            BlobStore blobs,
            ModelFile format,
            JsonMapper json,
            PredictionProperties prediction,
            ModelNames names) {
        return new SharedModelStore(
                db,
                transactions,
                blobs,
                format,
                json,
                new ModelCache(prediction.modelCacheSize(), prediction.modelRecheck()),
                names);
    }
}
