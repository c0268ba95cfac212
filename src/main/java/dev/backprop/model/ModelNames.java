package dev.backprop.model;

import dev.backprop.failure.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The registry over the {@code models} and {@code model_aliases} tables, shared by every replica. */
final class ModelNames implements ModelRegistry {

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,99}");

    private final JdbcClient db;
    private final JsonMapper json;
    private final TransactionTemplate transactions;

    ModelNames(JdbcClient db, JsonMapper json, TransactionTemplate transactions) {
        this.db = db;
        this.json = json;
        this.transactions = transactions;
    }

    @Override
    public Optional<String> resolve(String reference) {
        int at = reference.lastIndexOf('@');
        String name = at < 0 ? reference : reference.substring(0, at);
        String alias = at < 0 ? LATEST : reference.substring(at + 1);
        if (alias.equals(LATEST)) {
            return db.sql("SELECT id FROM models WHERE name = ? ORDER BY version DESC LIMIT 1")
                    .param(name)
                    .query(String.class)
                    .optional();
        }
        return db.sql("SELECT m.id FROM model_aliases a JOIN models m ON m.name = a.name AND m.version = a.version"
                        + " WHERE a.name = ? AND a.alias = ?")
                .params(name, alias)
                .query(String.class)
                .optional();
    }

    @Override
    public Optional<String> idOf(String name, int version) {
        return db.sql("SELECT id FROM models WHERE name = ? AND version = ?")
                .params(name, version)
                .query(String.class)
                .optional();
    }

    /**
     * Takes the next version of {@code name} from its counter, which only grows: deleting the latest
     * version does not free its number for the next model (and for an alias that pointed at it). Run
     * inside the transaction that inserts the model: the counter's row stays locked until then, so
     * concurrent imports of one name queue here instead of colliding on the unique index.
     *
     * @throws DuplicateKeyException when another transaction created the name's counter first: retry
     */
    int takeVersion(String name) {
        int bumped = db.sql("UPDATE model_names SET last_version = last_version + 1 WHERE name = ?")
                .param(name)
                .update();
        if (bumped == 0) {
            db.sql("INSERT INTO model_names (name, last_version)"
                            + " SELECT ?, COALESCE(MAX(version), 0) + 1 FROM models WHERE name = ?")
                    .params(name, name)
                    .update();
        }
        return db.sql("SELECT last_version FROM model_names WHERE name = ?")
                .param(name)
                .query(Integer.class)
                .single();
    }

    @Override
    public List<ModelInfo> versions(String name) {
        return db.sql("SELECT info FROM models WHERE name = ? ORDER BY version DESC")
                .param(name)
                .query((rs, row) -> json.readValue(rs.getString(1), ModelInfo.class))
                .list();
    }

    @Override
    public Map<String, Integer> aliases(String name) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        db.sql("SELECT MAX(version) FROM models WHERE name = ?")
                .param(name)
                .query(Integer.class)
                .optional()
                .ifPresent(latest -> aliases.put(LATEST, latest));
        db.sql("SELECT alias, version FROM model_aliases WHERE name = ? ORDER BY alias")
                .param(name)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list()
                .forEach(entry -> aliases.put(entry.getKey(), entry.getValue()));
        return aliases;
    }

    @Override
    public void setAlias(String name, String alias, int version) {
        if (alias.equals(LATEST)) {
            throw new IllegalArgumentException("'latest' always points at the highest version and cannot be set");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("an alias is a letter followed by up to 99 letters, digits, '_' or '-'");
        }
        NotFoundException missing = new NotFoundException("model", name + "/versions/" + version);
        // Under the name's lock, which deleting a version takes too: the foreign key alone does not stop
        // an alias landing on a version deleted at the same moment on H2, whose check takes no lock.
        // Setting aliases of one name queue here too, so the insert below meets no other.
        try {
            transactions.executeWithoutResult(status -> {
                lockName(name);
                if (idOf(name, version).isEmpty()) {
                    throw missing;
                }
                if (!moveAlias(name, alias, version)) {
                    db.sql("INSERT INTO model_aliases (name, alias, version) VALUES (?, ?, ?)")
                            .params(name, alias, version)
                            .update();
                }
            });
        } catch (DuplicateKeyException unexpected) {
            throw unexpected;
        } catch (DataIntegrityViolationException deleted) {
            throw missing;
        }
    }

    /**
     * Locks the name's counter row until the end of the caller's transaction: setting an alias and
     * deleting a version of one name take turns.
     */
    void lockName(String name) {
        db.sql("SELECT last_version FROM model_names WHERE name = ? FOR UPDATE")
                .param(name)
                .query(Integer.class)
                .optional();
    }

    private boolean moveAlias(String name, String alias, int version) {
        return db.sql("UPDATE model_aliases SET version = ? WHERE name = ? AND alias = ?")
                        .params(version, name, alias)
                        .update()
                > 0;
    }

    @Override
    public boolean removeAlias(String name, String alias) {
        return db.sql("DELETE FROM model_aliases WHERE name = ? AND alias = ?")
                        .params(name, alias)
                        .update()
                > 0;
    }
}
