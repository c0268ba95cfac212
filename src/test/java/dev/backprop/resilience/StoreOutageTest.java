package dev.backprop.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class StoreOutageTest {

    @Test
    void aStoreThatIsAwayIsToldFromARequestThatIsWrong() {
        assertThat(StoreOutage.isTransient(new CannotGetJdbcConnectionException("no connection")))
                .isTrue();
        assertThat(StoreOutage.isTransient(new UncategorizedSQLException(
                        "update", "UPDATE jobs", new SQLException("terminating connection", "57P01"))))
                .as("PostgreSQL shutting down")
                .isTrue();
        assertThat(StoreOutage.isTransient(new StoreUnavailableException("the bucket is unreachable", null)))
                .isTrue();
        assertThat(StoreOutage.isTransient(new DuplicateKeyException("taken"))).isFalse();
        assertThat(StoreOutage.isTransient(new DataIntegrityViolationException("too long")))
                .isFalse();
        assertThat(StoreOutage.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void aRollbackTheDatabaseCouldNotCarryOutIsAnOutage() {
        assertThat(StoreOutage.isTransient(new org.springframework.transaction.TransactionSystemException(
                        "JDBC rollback failed", new SQLException("the connection is gone"))))
                .isTrue();
    }

    @Test
    void anOutageIsWaitedOutAndTheActionDoneOnce() {
        AtomicInteger calls = new AtomicInteger();
        String done = StoreOutage.retry(Duration.ofSeconds(10), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new CannotGetJdbcConnectionException("away");
            }
            return "done";
        });
        assertThat(done).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aFailureThatIsNoOutageIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> StoreOutage.retry(Duration.ofSeconds(10), () -> {
                    calls.incrementAndGet();
                    throw new DuplicateKeyException("taken");
                }))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anOutageLongerThanThePatienceIsThrownWhenItRunsOut() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> StoreOutage.retry(Duration.ofMillis(1500), () -> {
                    throw new CannotGetJdbcConnectionException("away");
                }))
                .isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat((System.nanoTime() - started) / 1e9).isBetween(1.0, 5.0);
    }
}
