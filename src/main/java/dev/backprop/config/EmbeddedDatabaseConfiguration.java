package dev.backprop.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.backprop.blob.StorageProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.StringUtils;

/**
 * The database of records when {@code spring.datasource.url} is not set: H2 in PostgreSQL mode, in a
 * file under {@code backprop.storage.dir} (or in memory with {@code backprop.storage.type=memory}),
 * so that a plain start needs nothing installed. Setting the URL hands the choice to Spring Boot.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database before the service has
    // written the records of the jobs a SIGTERM interrupts; the pool closes it instead, last.
    // WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to half a second, which a kill -9
    // loses; written at once they survive any crash of the process.
    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    @Bean
    DataSource dataSource(
            StorageProperties storage,
            @org.springframework.beans.factory.annotation.Value("${backprop.storage.rebuild-records:false}")
                    boolean rebuildRecords) {
        StoreFolderLock folderLock = null;
        if (storage.onDisk()) {
            folderLock = StoreFolderLock.take(storage.dir());
            LostRecordsCheck.check(storage.dir().toAbsolutePath().normalize(), rebuildRecords);
        }
        String url = storage.onDisk()
                // FILE_LOCK=NO: the folder's own lock keeps other processes out (StoreFolderLock says why).
                ? "jdbc:h2:file:" + storage.dir().toAbsolutePath().normalize().resolve("backprop") + OPTIONS
                        + ";FILE_LOCK=NO"
                // One database per application context: tests start several in one JVM.
                : "jdbc:h2:mem:backprop-" + UUID.randomUUID() + OPTIONS + ";DB_CLOSE_DELAY=-1";
        log.info("Records in the embedded database {}", url);
        EmbeddedH2 dataSource = new EmbeddedH2(folderLock);
        if (storage.onDisk()) {
            dataSource.setDataSource(new FullDiskGuard(new DriverManagerDataSource(url, "sa", ""), storage.dir()));
        } else {
            dataSource.setJdbcUrl(url);
            dataSource.setUsername("sa");
            dataSource.setPassword("");
        }
        dataSource.setMaximumPoolSize(8);
        dataSource.setConnectionTimeout(3000);
        dataSource.setPoolName("records");
        dataSource.setExceptionOverride(new ReopenClosedH2());
        return dataSource;
    }

    /** True when no {@code spring.datasource.url} names a database. */
    static final class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }

    /** Closes the database itself with the pool, so that a memory database goes and a file one is left clean. */
    static final class EmbeddedH2 extends HikariDataSource {

        /** The store folder's lock, released once the database is shut; null in memory. */
        private final StoreFolderLock folderLock;

        EmbeddedH2(StoreFolderLock folderLock) {
            this.folderLock = folderLock;
        }

        /**
         * Shuts the database down through one of the pool's connections, which SHUTDOWN closes under the
         * pool: that connection is evicted before it is handed back, as resetting it on return failed and
         * every stop of the service logged a broken connection and "could not shut down cleanly".
         */
        @Override
        public void close() {
            if (!isClosed()) {
                try (Connection connection = getConnection()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SHUTDOWN");
                    }
                    evictConnection(connection);
                } catch (SQLException e) {
                    log.warn("Could not shut the embedded database down cleanly: {}", e.getMessage());
                }
            }
            super.close();
            if (folderLock != null) {
                folderLock.close();
            }
        }
    }
}
