package dev.backprop.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded database that closed itself (as H2 does when a write finds the disk full) is opened
 * again by the next connection: the pool drops the connections that say it is closed instead of
 * handing them out for good.
 */
class ReopenClosedH2Test {

    @TempDir
    Path dir;

    @Test
    void aPoolOfConnectionsToADatabaseThatClosedItselfOpensItAgain() throws SQLException {
        try (HikariDataSource pool = pool()) {
            JdbcClient db = JdbcClient.create(pool);
            db.sql("CREATE TABLE t (x INT)").update();
            closeTheDatabase(pool);

            // The connection that found the database closed was dropped when it went back to the pool;
            // without that the pool hands it out again (until it has been idle long enough to be
            // checked), and this would fail with "Database is already closed".
            db.sql("INSERT INTO t VALUES (1)").update();
            db.sql("INSERT INTO t VALUES (2)").update();
            assertThat(db.sql("SELECT COUNT(*) FROM t").query(Integer.class).single())
                    .isEqualTo(2);
        }
    }

    private HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        pool.setMaximumPoolSize(1);
        pool.setExceptionOverride(new ReopenClosedH2());
        return pool;
    }

    /** Closes the database under the pool's connection, as H2 does after a failed write. */
    private static void closeTheDatabase(HikariDataSource pool) throws SQLException {
        try (var connection = pool.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException closedUnderIt) {
            // SHUTDOWN IMMEDIATELY may report the closing it caused.
        }
    }
}
