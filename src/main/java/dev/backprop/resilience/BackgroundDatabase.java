package dev.backprop.resilience;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record database as the service's own threads reach it (training, claims and heartbeats, the
 * sweep coordinator, event pollers): a pool of their own beside the one that serves requests, so
 * that a burst of reads waits for request connections and never takes the ones training needs.
 */
public final class BackgroundDatabase implements AutoCloseable {

    private final JdbcClient jdbc;
    private final HikariDataSource pool;

    private BackgroundDatabase(JdbcClient jdbc, HikariDataSource pool) {
        this.jdbc = jdbc;
        this.pool = pool;
    }

    /**
     * A pool of {@code size} connections set up as {@code requests} is (same database, credentials and
     * timeouts); when that is not a Hikari pool, the same pool. Opens its connections on first use.
     */
    public static BackgroundDatabase beside(DataSource requests, int size) {
        if (!(requests instanceof HikariDataSource hikari)) {
            return new BackgroundDatabase(JdbcClient.create(requests), null);
        }
        HikariDataSource pool = new HikariDataSource();
        hikari.copyStateTo(pool);
        pool.setPoolName(hikari.getPoolName() == null ? "background" : hikari.getPoolName() + "-background");
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(Math.min(2, size));
        return new BackgroundDatabase(JdbcClient.create(pool), pool);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
