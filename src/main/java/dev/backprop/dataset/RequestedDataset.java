package dev.backprop.dataset;

import dev.backprop.failure.ConflictException;
import dev.backprop.failure.InvalidFieldsException;

/** The dataset a request names, for the endpoints that read one (evaluation, projection, examples). */
public final class RequestedDataset {

    private RequestedDataset() {}

    /**
     * Loads {@code name}; an unknown or unavailable one makes the request's {@code dataset} field wrong,
     * one that is stored but cannot be read clashes with the current state.
     */
    public static Dataset load(DatasetCatalog catalog, String name) {
        try {
            return catalog.load(name);
        } catch (UnknownDatasetException e) {
            throw new InvalidFieldsException("dataset", e.asFieldProblem());
        } catch (DatasetUnavailableException e) {
            throw new InvalidFieldsException("dataset", e.getMessage());
        } catch (InvalidDatasetException e) {
            throw new ConflictException("dataset '" + name + "' cannot be read: " + e.getMessage());
        }
    }
}
