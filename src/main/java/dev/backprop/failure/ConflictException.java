package dev.backprop.failure;

import java.util.Map;

/** The request clashes with the current state of what it names, with facts a client may switch on. */
public class ConflictException extends RuntimeException {

    private final Map<String, Object> facts;

    public ConflictException(String detail) {
        this(detail, Map.of());
    }

    public ConflictException(String detail, Map<String, Object> facts) {
        super(detail);
        this.facts = Map.copyOf(facts);
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
