package dev.backprop.resilience;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a store that is away for a moment (the database restarting, the bucket unreachable) from a
 * failure that retrying cannot mend, and retries what must not be lost while the store comes back.
 */
public final class StoreOutage {

    /** What a client is told to wait before asking again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private StoreOutage() {}

    /** Whether {@code failure} (or one of its causes) says a store is unreachable rather than that the request is wrong. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailableException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof HttpTimeoutException
                    // A commit or rollback the database could not carry out: in the chaos run, a rollback
                    // during a PostgreSQL restart failed a job ("JDBC rollback failed") instead of waiting.
                    || cause instanceof TransactionSystemException) {
                return true;
            }
            // 08: connection exception; 57P: the server is shutting down or restarting (PostgreSQL);
            // 53: the server is out of connections or memory.
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Which store {@code failure} says is away, in words for a client: "the record database" or "the bucket". */
    public static String which(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailableException unavailable) {
                return unavailable.getMessage();
            }
        }
        return "the record database is unreachable for a moment";
    }

    /**
     * Runs {@code action}, trying it again with a growing pause (up to 2 s) while a store is away, for
     * at most {@code patience}; a failure that is not an outage, or one that outlasts the patience, is
     * thrown. For writes that training must not lose; they are each written so that doing them twice
     * does no harm.
     */
    public static <T> T retry(Duration patience, java.util.function.Supplier<T> action) {
        RetryTemplate template = new RetryTemplate(RetryPolicy.builder()
                .predicate(StoreOutage::isTransient)
                .maxRetries(Long.MAX_VALUE)
                .delay(Duration.ofMillis(200))
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(2))
                .timeout(patience)
                .build());
        return template.invoke(action);
    }

    public static void retry(Duration patience, Runnable action) {
        retry(patience, () -> {
            action.run();
            return null;
        });
    }
}
