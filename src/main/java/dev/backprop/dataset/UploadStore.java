package dev.backprop.dataset;

import java.util.List;
import java.util.Optional;

/** Where uploaded datasets live: in memory, or on disk so that they survive restarts. */
public interface UploadStore {

    /** Keeps an upload whose images have all been checked. */
    void save(UploadedDataset info, LabeledImages training, LabeledImages test);

    Optional<UploadedDataset> find(String id);

    /** Every upload, newest first. */
    List<UploadedDataset> list();

    /** The upload's images; only called for an id that {@link #find} knows. */
    Dataset load(String id);

    /** Removes an upload; false if there was none with this id. */
    boolean delete(String id);
}
