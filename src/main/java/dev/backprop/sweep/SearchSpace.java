package dev.backprop.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hyperparameters a sweep varies, in the order the request names them, each with its domain. */
public record SearchSpace(Map<String, Domain> parameters) {

    public SearchSpace {
        if (parameters == null || parameters.isEmpty()) {
            throw new InvalidSweepException("parameters: a sweep needs at least one parameter to vary");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public List<String> names() {
        return new ArrayList<>(parameters.keySet());
    }

    /**
     * How many points a grid over this space has: the product of each parameter's number of values, or
     * −1 when a parameter is continuous (a grid needs {@code choice} or {@code intUniform} throughout).
     */
    public long gridSize() {
        long size = 1;
        for (Domain domain : parameters.values()) {
            long values = domain.gridValues();
            if (values < 0) {
                return -1;
            }
            size = Math.multiplyHigh(size, values) != 0 ? Long.MAX_VALUE : size * values;
        }
        return size;
    }
}
