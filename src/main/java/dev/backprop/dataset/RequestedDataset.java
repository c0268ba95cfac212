package dev.backprop.dataset;

import dev.backprop.api.ApiException;

/** The dataset a request names, for the endpoints that read one (evaluation, projection, examples). */
public final class RequestedDataset {

    private RequestedDataset() {}

    /**
     * Loads {@code name}; an unknown or unavailable one is a 400 naming {@code dataset}, one that cannot be
     * read a 409.
     */
    public static Dataset load(DatasetCatalog catalog, String name) {
        try {
            return catalog.load(name);
        } catch (UnknownDatasetException | DatasetUnavailableException e) {
            throw ApiException.invalid("dataset", e.getMessage());
        } catch (InvalidDatasetException e) {
            throw ApiException.conflict("dataset '" + name + "' cannot be read: " + e.getMessage());
        }
    }
}
