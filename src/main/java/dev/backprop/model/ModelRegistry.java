package dev.backprop.model;

import dev.backprop.api.StorableText;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Models by name, version and alias, as MLflow's registry has them: every model of a name is the next
 * version of it, {@code latest} is always its highest version, and other aliases are set by hand.
 * A reference is a model's id, {@code name} (its latest version), {@code name@alias} or, as a path,
 * {@code name/versions/N}.
 */
public interface ModelRegistry {

    /** The alias every name has: its highest version. */
    String LATEST = "latest";

    /** What an id looks like; no name may. */
    Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** What a name may be: no path or alias separators, not an id, at most 200 characters a database stores. */
    static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (name.length() > 200) {
            return Optional.of("must be at most 200 characters");
        }
        if (name.contains("/") || name.contains("@")) {
            return Optional.of("may not contain '/' or '@', which address versions and aliases");
        }
        if (ID.matcher(name).matches()) {
            return Optional.of("may not look like a model id");
        }
        return StorableText.Check.problem(name);
    }

    /** The id a name, {@code name@alias} or {@code name} with a version refers to. */
    Optional<String> resolve(String reference);

    Optional<String> idOf(String name, int version);

    /** Every version of a name, newest first. */
    List<ModelInfo> versions(String name);

    /** The name's aliases and the versions they point at, {@code latest} included. */
    Map<String, Integer> aliases(String name);

    /**
     * Points {@code alias} of {@code name} at {@code version}.
     *
     * @throws dev.backprop.failure.NotFoundException when the name has no such version
     * @throws IllegalArgumentException when the alias is {@code latest} or not a valid alias
     */
    void setAlias(String name, String alias, int version);

    /** Removes an alias; false if there was none. */
    boolean removeAlias(String name, String alias);
}
