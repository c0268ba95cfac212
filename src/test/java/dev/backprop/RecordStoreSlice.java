package dev.backprop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The record stores' slice, what {@code @JdbcTest} gives (that annotation lives in a module the build
 * does not hold): a data source, {@code JdbcClient}, transactions, the Flyway migrations and the
 * service's Jackson, and nothing else; the test imports the store it checks. Put {@link OnH2} or
 * {@link OnPostgres} beside it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = RecordStoreSlice.Jdbc.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
public @interface RecordStoreSlice {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        TransactionAutoConfiguration.class
    })
    class Jdbc {}

    /** An H2 database in memory, of its own, in the PostgreSQL mode the service's embedded database uses. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ContextConfiguration(initializers = H2Database.class)
    @interface OnH2 {}

    /**
     * A fresh database on the PostgreSQL that {@code BACKPROP_TEST_POSTGRES_URL} names; without one the
     * test skips, saying so, except with {@code CI=true}, where it fails ({@link SharedStores}).
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(PostgresGiven.class)
    @ContextConfiguration(initializers = PostgresDatabase.class)
    @interface OnPostgres {}

    final class H2Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Databases.use(
                    context,
                    "jdbc:h2:mem:records-" + UUID.randomUUID()
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                    "sa",
                    "");
        }
    }

    final class PostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Databases.use(context, SharedStores.freshPostgresDatabase(), SharedStores.USER, SharedStores.PASSWORD);
        }
    }

    /** Leaves the test out before its context is made, unless a PostgreSQL is given or CI requires one. */
    final class PostgresGiven implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv("BACKPROP_TEST_POSTGRES_URL");
            if ((url != null && !url.isBlank()) || "true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("a PostgreSQL is given, or CI requires one");
            }
            return ConditionEvaluationResult.disabled(
                    "skipped: no PostgreSQL; set BACKPROP_TEST_POSTGRES_URL (.ci/run starts one)");
        }
    }

    final class Databases {
        private Databases() {}

        static void use(ConfigurableApplicationContext context, String url, String user, String password) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "record store",
                            Map.of(
                                    "spring.datasource.url", url,
                                    "spring.datasource.username", user,
                                    "spring.datasource.password", password)));
        }
    }
}
