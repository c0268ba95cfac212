package dev.backprop.export;

import dev.backprop.failure.InvalidFieldsException;

/** An imported model file that is not what it claims to be: the {@code file} sent is wrong, as the message says. */
public class InvalidModelFileException extends InvalidFieldsException {

    public InvalidModelFileException(String message) {
        super("file", message);
    }

    /** A readable file whose embedded name the registry does not take: a fault of the {@code name} field. */
    public static class BadName extends InvalidFieldsException {
        BadName(String message) {
            super("name", message);
        }
    }
}
