package dev.backprop.image;

/** A file that cannot be turned into an MNIST input; the message says why, in terms its sender can act on. */
public class PictureException extends RuntimeException {

    /** What is wrong with the file. */
    public enum Reason {
        /** The file has no bytes. */
        EMPTY,
        /** The bytes are not a PNG, JPEG, GIF or BMP. */
        NOT_A_PICTURE,
        /** The picture declares more pixels than may be decoded. */
        TOO_LARGE,
        /** The picture's format is recognised but its content cannot be decoded. */
        DAMAGED,
        /** Nothing in the picture stands out from its background. */
        NO_INK
    }

    private final Reason reason;

    public PictureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PictureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
