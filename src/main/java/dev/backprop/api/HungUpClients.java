package dev.backprop.api;

import org.springframework.web.util.DisconnectedClientHelper;

/**
 * A client that hung up before its answer was written (a load generator stopping, a browser tab closed):
 * nothing can be answered, and nothing of ours went wrong. Logged in one line on its own logger, as Spring
 * MVC logs such clients, instead of as an unexpected error with its stack trace.
 */
public final class HungUpClients {

    private static final DisconnectedClientHelper HELPER = new DisconnectedClientHelper(HungUpClients.class.getName());

    private HungUpClients() {}

    /** Whether {@code ex} says the client is gone; if it does, it has been logged. */
    public static boolean gone(Throwable ex) {
        return HELPER.checkAndLogClientDisconnectedException(ex);
    }
}
