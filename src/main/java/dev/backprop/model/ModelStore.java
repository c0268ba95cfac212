package dev.backprop.model;

import java.util.List;
import java.util.Optional;

/** Where trained models live: in memory, or on disk so that they survive restarts. */
public interface ModelStore {

    void save(StoredModel model);

    Optional<StoredModel> find(String id);

    /** Every model's description, newest first. */
    List<ModelInfo> list();

    /** Removes a model; false if there was none with this id. */
    boolean delete(String id);
}
