package dev.backprop.resilience;

/**
 * A store the service needs (the record database, the bucket) cannot be reached for the moment. Its
 * message says which, in words fit for a client or a job record; the cause keeps the driver's details
 * for the log.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
