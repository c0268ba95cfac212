package dev.backprop.export;

/** An imported model file that is not what it claims to be; the message says what is wrong. */
public class InvalidModelFileException extends Exception {

    public InvalidModelFileException(String message) {
        super(message);
    }

    /** A readable file whose embedded name the registry does not take: a fault of the {@code name} field. */
    public static class BadName extends RuntimeException {
        BadName(String message) {
            super(message);
        }
    }
}
