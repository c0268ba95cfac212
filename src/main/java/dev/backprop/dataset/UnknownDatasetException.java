package dev.backprop.dataset;

import dev.backprop.failure.NotFoundException;

/** No built-in or uploaded dataset has this name. */
public class UnknownDatasetException extends NotFoundException {

    private final String dataset;

    public UnknownDatasetException(String dataset) {
        super("dataset", dataset);
        this.dataset = dataset;
    }

    public String dataset() {
        return dataset;
    }

    /** What a request naming it in a field is told: the field is wrong, the dataset is not missing from a path. */
    public String asFieldProblem() {
        return "no dataset named '" + dataset + "'";
    }
}
