package dev.backprop.config;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * The embedded database closes itself when a write fails (a full disk) and stays closed: every pooled
 * connection then answers "the database has been closed", for good. Dropping such a connection from the
 * pool makes the next one open the file again, so that once space is freed the service writes again
 * without a restart.
 */
final class ReopenClosedH2 implements SQLExceptionOverride {

    // H2's DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN and GENERAL_ERROR_1 (a failed write, among others).
    private static final Set<Integer> CLOSED = Set.of(90098, 90121, 50000);

    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        return CLOSED.contains(failure.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
