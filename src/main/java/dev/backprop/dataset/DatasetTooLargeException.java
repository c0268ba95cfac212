package dev.backprop.dataset;

/** An upload part that declares or holds more images than {@code backprop.datasets.max-examples}. */
public class DatasetTooLargeException extends InvalidDatasetException {

    public DatasetTooLargeException(String part, String problem) {
        super(Kind.TOO_LARGE, part, problem, null);
    }
}
