package dev.backprop.failure;

import java.io.IOException;

/** A request body grew past {@code backprop.http.max-body-size} while it was read. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("the body is larger than the " + limit + " bytes accepted (backprop.http.max-body-size)");
    }
}
