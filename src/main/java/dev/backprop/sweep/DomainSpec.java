package dev.backprop.sweep;

import java.util.List;
import java.util.Map;

/** A search-space entry as JSON writes it, {@code {"logUniform": [0.0001, 0.1]}}, read into a {@link Domain}. */
final class DomainSpec {

    static final String SHAPE = "must be one of {\"choice\": [values]}, {\"uniform\": [low, high]},"
            + " {\"logUniform\": [low, high]} or {\"intUniform\": [low, high]}";

    /** The most values one choice lists: each is checked as a whole training request. */
    static final int MAX_CHOICES = 100;

    private DomainSpec() {}

    static Domain parse(Map<String, Object> spec) {
        if (spec == null || spec.size() != 1) {
            throw new InvalidSweepException(SHAPE);
        }
        Map.Entry<String, Object> only = spec.entrySet().iterator().next();
        if (only.getKey().equals("choice")) {
            List<Object> values = (List<Object>) only.getValue();
            if (values != null && values.size() > MAX_CHOICES) {
                throw new InvalidSweepException(
                        "choice lists at most " + MAX_CHOICES + " values, not " + values.size());
            }
            return new Domain.Choice(values);
        }
        List<?> range = (List<?>) only.getValue();
        if (range.size() != 2 || !(range.get(0) instanceof Number low) || !(range.get(1) instanceof Number high)) {
            throw new InvalidSweepException(only.getKey() + " needs two numbers, [low, high]");
        }
        return switch (only.getKey()) {
            case "uniform" -> new Domain.Uniform(low.doubleValue(), high.doubleValue());
            case "logUniform" -> new Domain.LogUniform(low.doubleValue(), high.doubleValue());
            case "intUniform" -> {
                if (low.doubleValue() != Math.rint(low.doubleValue())
                        || high.doubleValue() != Math.rint(high.doubleValue())) {
                    throw new InvalidSweepException("intUniform needs whole numbers");
                }
                yield new Domain.IntUniform(low.longValue(), high.longValue());
            }
            default -> throw new InvalidSweepException(SHAPE);
        };
    }

    /** The values a check of the domain tries: every choice, or both ends of a range. */
    static List<Object> values(Domain domain) {
        if (domain instanceof Domain.Choice choice) {
            return choice.values();
        }
        if (domain instanceof Domain.Uniform uniform) {
            return List.of(uniform.low(), uniform.high());
        }
        if (domain instanceof Domain.LogUniform log) {
            return List.of(log.low(), log.high());
        }
        Domain.IntUniform ints = (Domain.IntUniform) domain;
        return List.of(ints.low(), ints.high());
    }
}
