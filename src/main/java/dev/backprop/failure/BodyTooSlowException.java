package dev.backprop.failure;

import java.io.IOException;
import java.time.Duration;

/** A request body still arriving when {@code backprop.http.body-timeout} ran out. */
public class BodyTooSlowException extends IOException {

    public BodyTooSlowException(Duration timeout) {
        super("the body did not arrive within " + timeout.toSeconds() + " s (backprop.http.body-timeout)");
    }
}
