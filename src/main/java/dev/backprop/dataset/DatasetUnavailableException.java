package dev.backprop.dataset;

/** A known dataset whose files are not at hand; the message says what to put where. */
public class DatasetUnavailableException extends RuntimeException {

    private final String dataset;

    public DatasetUnavailableException(String dataset, String message) {
        super(message);
        this.dataset = dataset;
    }

    public String dataset() {
        return dataset;
    }
}
