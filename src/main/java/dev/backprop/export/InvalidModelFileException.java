package dev.backprop.export;

/** An imported model file that is not what it claims to be; the message says what is wrong. */
public class InvalidModelFileException extends Exception {

    public InvalidModelFileException(String message) {
        super(message);
    }
}
