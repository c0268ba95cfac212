package dev.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.failure.NotFoundException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry's names, versions and aliases in their tables, on any database the service runs on:
 * {@link ModelNamesOnH2SliceTest} and {@link ModelNamesOnPostgresSliceTest} run it on each.
 */
@Import(ModelNamesBehaviour.Registry.class)
abstract class ModelNamesBehaviour {

    @TestConfiguration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        ModelNames modelNames(JdbcClient db, JsonMapper json, TransactionTemplate transactions) {
            return new ModelNames(db, json, transactions);
        }
    }

    @Autowired
    ModelNames names;

    @Autowired
    JdbcClient db;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JsonMapper json;

    private final String name = "digits-" + UUID.randomUUID().toString().substring(0, 8);

    /** Stores a model of the name as the store does: its version taken from the name's counter. */
    private String store() {
        return transactions.execute(status -> {
            int version = names.takeVersion(name);
            String id = UUID.randomUUID().toString();
            ModelInfo info = TinyModels.of(id, name, version, 784, 4, 10).info();
            db.sql("INSERT INTO models (id, record_version, name, job_id, created_at, info, version)"
                            + " VALUES (?, 1, ?, NULL, ?, ?, ?)")
                    .params(id, name, OffsetDateTime.now(ZoneOffset.UTC), json.writeValueAsString(info), version)
                    .update();
            return id;
        });
    }

    @Test
    void versionsCountUpAndLatestIsTheHighest() {
        String first = store();
        String second = store();

        assertThat(names.idOf(name, 1)).contains(first);
        assertThat(names.idOf(name, 2)).contains(second);
        assertThat(names.resolve(name)).contains(second);
        assertThat(names.resolve(name + "@latest")).contains(second);
        assertThat(names.versions(name)).extracting(ModelInfo::id).containsExactly(second, first);
        assertThat(names.aliases(name)).containsExactly(java.util.Map.entry("latest", 2));
        assertThat(names.resolve("no-such-name")).isEmpty();
    }

    @Test
    void anAliasPointsAtItsVersionMovesAndIsRemoved() {
        String first = store();
        store();

        names.setAlias(name, "production", 1);
        assertThat(names.resolve(name + "@production")).contains(first);
        names.setAlias(name, "production", 2);
        assertThat(names.aliases(name)).containsEntry("production", 2);

        assertThatThrownBy(() -> names.setAlias(name, "staging", 9)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> names.setAlias(name, "latest", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> names.setAlias(name, "9lives", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(names.aliases(name)).doesNotContainKeys("staging", "9lives");

        assertThat(names.removeAlias(name, "production")).isTrue();
        assertThat(names.removeAlias(name, "production")).isFalse();
        assertThat(names.resolve(name + "@production")).isEmpty();
    }

    @Test
    void aDeletedVersionTakesItsAliasesAndItsNumberIsNeverGivenAgain() {
        store();
        String second = store();
        names.setAlias(name, "production", 2);

        db.sql("DELETE FROM models WHERE id = ?").param(second).update();

        assertThat(names.aliases(name)).doesNotContainKey("production").containsEntry("latest", 1);
        String third = store();
        assertThat(names.idOf(name, 3)).contains(third);
        assertThat(names.idOf(name, 2)).isEmpty();
    }
}
