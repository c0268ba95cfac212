package dev.backprop.model;

import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import java.util.Optional;

/** Where models live: their records in the database, their files in the blob store. */
public interface ModelStore {

    /** Stores a model as the next version of its name; answers it as registered, version and all. */
    StoredModel save(StoredModel model);

    /** A model by its id, or by a reference the {@link ModelRegistry} resolves: a name or {@code name@alias}. */
    Optional<StoredModel> find(String reference);

    /** The model a job made, if one was stored for it (the first, should there be several). */
    Optional<ModelInfo> findByJob(String jobId);

    /** A page of the models' descriptions, newest first. */
    Page<ModelInfo> list(PageRequest page);

    /** Removes a model; false if there was none with this id. */
    boolean delete(String id);
}
