package dev.backprop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded database's pool shuts the database down when it closes, as every stop of the service does. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedH2Test {

    @Test
    void closingThePoolShutsTheDatabaseDownWithoutAWarning(CapturedOutput output) throws SQLException {
        String url = "jdbc:h2:mem:embedded-h2-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        EmbeddedDatabaseConfiguration.EmbeddedH2 pool = new EmbeddedDatabaseConfiguration.EmbeddedH2(null);
        pool.setJdbcUrl(url);
        JdbcClient.create(pool).sql("CREATE TABLE t (x INT)").update();

        pool.close();

        assertThat(output).doesNotContain("marked as broken").doesNotContain("Could not shut");
        // DB_CLOSE_DELAY=-1 keeps a memory database until it is shut down: a new one has no table t.
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT x FROM t")).isInstanceOf(SQLException.class);
            statement.execute("SHUTDOWN");
        }
    }
}
