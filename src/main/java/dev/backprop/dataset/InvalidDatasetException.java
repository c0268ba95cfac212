package dev.backprop.dataset;

/** Data that cannot be read as labelled 28×28 images; the message says which part and what is wrong. */
public class InvalidDatasetException extends RuntimeException {

    public InvalidDatasetException(String message) {
        super(message);
    }

    public InvalidDatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
