package dev.backprop.sweep;

/** A sweep that cannot run as asked; the message says what is wrong. */
public class InvalidSweepException extends IllegalArgumentException {

    public InvalidSweepException(String message) {
        super(message);
    }
}
