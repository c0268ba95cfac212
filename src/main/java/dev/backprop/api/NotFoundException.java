package dev.backprop.api;

/** Nothing of this kind has this id; a 404 wherever it surfaces. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super("no " + what + " with id '" + id + "'");
    }
}
