package dev.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.backprop.SharedStores;
import dev.backprop.blob.MemoryBlobStore;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.Network;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry's promises held by the database itself, on H2 and on PostgreSQL (skipped without one):
 * versions are never reused, an alias never points at a deleted version however a PUT and a DELETE
 * interleave, and concurrent imports under one name all get their own version and leave no file behind
 * without a record.
 */
class RegistryIntegrityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Stores> STORES = new ConcurrentHashMap<>();
    private static final Network NETWORK =
            Network.create(Architecture.of(784, 4, 10), Initializer.NORMAL, new Random(1));

    private record Stores(
            HikariDataSource pool, JdbcClient db, MemoryBlobStore blobs, SharedModelStore models, ModelNames names) {}

    private static Stores stores(String database) {
        return STORES.computeIfAbsent(database, kind -> {
            HikariDataSource pool = new HikariDataSource();
            if (kind.equals("postgresql")) {
                pool.setJdbcUrl(SharedStores.freshPostgresDatabase());
                pool.setUsername(SharedStores.USER);
                pool.setPassword(SharedStores.PASSWORD);
            } else {
                pool.setJdbcUrl("jdbc:h2:mem:registry-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
                pool.setUsername("sa");
            }
            pool.setMaximumPoolSize(8);
            Flyway.configure().dataSource(pool).load().migrate();
            JdbcClient db = JdbcClient.create(pool);
            MemoryBlobStore blobs = new MemoryBlobStore();
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
            ModelNames names = new ModelNames(db, JSON, transactions);
            SharedModelStore models = new SharedModelStore(
                    db,
                    transactions,
                    blobs,
                    new ModelFile(JSON),
                    JSON,
                    new ModelCache(4, Duration.ofSeconds(5)),
                    names);
            return new Stores(pool, db, blobs, models, names);
        });
    }

    @AfterAll
    static void close() {
        STORES.values().forEach(stores -> stores.pool().close());
    }

    private static StoredModel model(String name) {
        ModelInfo info = new ModelInfo(
                UUID.randomUUID().toString(),
                name,
                null,
                "mnist",
                Instant.now(),
                NETWORK.architecture().sizes(),
                "sigmoid",
                "sigmoid",
                "quadratic",
                false,
                NETWORK.parameterCount(),
                null,
                null,
                0,
                0,
                ModelFile.VERSION);
        return new StoredModel(info, NETWORK);
    }

    private static String name() {
        return "integrity-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void deletingTheLatestVersionDoesNotFreeItsNumber(String database) {
        Stores stores = stores(database);
        String name = name();
        stores.models().save(model(name));
        StoredModel second = stores.models().save(model(name));
        stores.names().setAlias(name, "production", 2);
        assertThat(stores.models().delete(second.id())).isTrue();

        StoredModel third = stores.models().save(model(name));

        assertThat(third.info().version()).isEqualTo(3);
        assertThat(stores.names().aliases(name)).isEqualTo(Map.of("latest", 3));
        assertThat(stores.names().resolve(name + "@production")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theDatabaseRefusesAnAliasOnAVersionThatDoesNotExist(String database) {
        Stores stores = stores(database);
        String name = name();
        stores.models().save(model(name));
        assertThatThrownBy(() -> stores.db()
                        .sql("INSERT INTO model_aliases (name, alias, version) VALUES (?, 'production', 2)")
                        .param(name)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    // Sixteen names at a time, each PUT and DELETE released together by a barrier and set apart by up to
    // 0.2 ms, so that over 40 rounds their statements interleave every way they can.
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anAliasRacingTheDeleteOfItsVersionNeverOutlivesIt(String database) throws Exception {
        Stores stores = stores(database);
        int pairs = 16;
        ExecutorService racers = Executors.newFixedThreadPool(2 * pairs);
        Random jitter = new Random(21);
        try {
            for (int round = 0; round < 40; round++) {
                CyclicBarrier start = new CyclicBarrier(2 * pairs);
                List<String> names = new ArrayList<>();
                List<Future<?>> racing = new ArrayList<>();
                for (int pair = 0; pair < pairs; pair++) {
                    String name = name();
                    names.add(name);
                    stores.models().save(model(name));
                    StoredModel doomed = stores.models().save(model(name));
                    long aliasLag = jitter.nextInt(200_000);
                    long deleteLag = jitter.nextInt(200_000);
                    racing.add(racers.submit(() -> {
                        start.await();
                        LockSupport.parkNanos(aliasLag);
                        try {
                            stores.names().setAlias(name, "production", 2);
                        } catch (dev.backprop.failure.NotFoundException deletedFirst) {
                            // The honest answer when the DELETE won: 404.
                        }
                        return null;
                    }));
                    racing.add(racers.submit(() -> {
                        start.await();
                        LockSupport.parkNanos(deleteLag);
                        assertThat(stores.models().delete(doomed.id())).isTrue();
                        return null;
                    }));
                }
                for (Future<?> each : racing) {
                    each.get();
                }
                for (String name : names) {
                    assertThat(stores.names().aliases(name))
                            .as("round %d", round)
                            .isEqualTo(Map.of("latest", 1));
                }
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void fiftyConcurrentImportsUnderOneNameEachGetTheirOwnVersion(String database) throws Exception {
        Stores stores = stores(database);
        String name = name();
        ExecutorService importers = Executors.newFixedThreadPool(16);
        List<Callable<StoredModel>> saves = IntStream.range(0, 50)
                .<Callable<StoredModel>>mapToObj(k -> () -> stores.models().save(model(name)))
                .toList();
        List<Integer> versions;
        try {
            versions = importers.invokeAll(saves).stream()
                    .map(saved -> {
                        try {
                            return saved.get().info().version();
                        } catch (Exception e) {
                            throw new AssertionError("an import failed", e);
                        }
                    })
                    .sorted()
                    .toList();
        } finally {
            importers.shutdownNow();
        }
        assertThat(versions).isEqualTo(IntStream.rangeClosed(1, 50).boxed().toList());
        List<String> recorded =
                stores.names().versions(name).stream().map(ModelInfo::id).toList();
        assertThat(recorded).hasSize(50);
        recorded.forEach(
                id -> assertThat(stores.blobs().get(SharedModelStore.key(id))).isPresent());
    }
}
