package dev.backprop.job;

import dev.backprop.engine.EpochResult;
import dev.backprop.engine.TrainingResult;
import dev.backprop.model.ModelFile;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.ModelStore;
import dev.backprop.model.StoredModel;
import dev.backprop.resilience.StoreOutage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The models jobs make: each stored with its provenance (what trained it, on what, with which request),
 * waiting up to a job's lease for a store that is away.
 */
@Component
class JobModels {

    private final ModelStore models;
    private final JsonMapper json;
    private final Duration patience;
    private final Clock clock = Clock.systemUTC();

    JobModels(ModelStore models, JsonMapper json, ClusterProperties cluster) {
        this.models = models;
        this.json = json;
        this.patience = cluster.lease();
    }

    /** The model a job stored before the service stopped and its record could say so. */
    Optional<ModelInfo> storedBy(String jobId) {
        return StoreOutage.retry(patience, () -> models.findByJob(jobId));
    }

    /** Stores the job's model; answers its id. */
    String store(TrainingJob job, TrainingResult result) {
        StoredModel model = new StoredModel(provenance(job, result), result.network());
        try {
            return StoreOutage.retry(patience, () -> models.save(model)).id();
        } catch (DuplicateKeyException e) {
            // A try whose answer the outage lost had stored it.
            return models.findByJob(job.id()).map(ModelInfo::id).orElseThrow(() -> e);
        }
    }

    void delete(String modelId) {
        models.delete(modelId);
    }

    private ModelInfo provenance(TrainingJob job, TrainingResult result) {
        TrainingRequest request = job.request();
        // Found by number: a job that measures every few epochs keeps only the measured ones.
        EpochResult kept = result.epochs().stream()
                .filter(epoch -> epoch.epoch() == result.keptEpoch())
                .findFirst()
                .orElseThrow();
        return new ModelInfo(
                UUID.randomUUID().toString(),
                request.registryName(),
                job.id(),
                request.dataset(),
                clock.instant(),
                request.layers(),
                request.hiddenActivation().id(),
                request.outputActivation().id(),
                request.loss().id(),
                request.batchNorm(),
                result.network().parameterCount(),
                json.convertValue(request, new TypeReference<Map<String, Object>>() {}),
                EpochMetrics.of(kept, null).forModel(),
                JobRunner.lastEpoch(result),
                result.keptEpoch(),
                ModelFile.VERSION);
    }
}
