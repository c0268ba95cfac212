package dev.backprop.dataset;

/** No built-in or uploaded dataset has this name. */
public class UnknownDatasetException extends RuntimeException {

    private final String dataset;

    public UnknownDatasetException(String dataset) {
        super("no dataset named '" + dataset + "'");
        this.dataset = dataset;
    }

    public String dataset() {
        return dataset;
    }
}
