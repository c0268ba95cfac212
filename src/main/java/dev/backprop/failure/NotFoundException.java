package dev.backprop.failure;

/** Nothing of this kind has this id (or name). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        this("no " + what + " with id '" + id + "'");
    }

    /** Not found, in words of the caller's choosing ("model 'm' has no alias 'a'"). */
    public NotFoundException(String detail) {
        super(detail);
    }
}
