package dev.backprop.api;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON body refused while it is parsed because it holds more than a limit allows (more pixels than
 * an image has, more images than a batch may carry); its message, said to the client, names the limit.
 */
public class InputLimitException extends MismatchedInputException {

    public InputLimitException(JsonParser parser, String message) {
        super(parser, message);
    }
}
