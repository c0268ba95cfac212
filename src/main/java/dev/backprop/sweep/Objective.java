package dev.backprop.sweep;

import java.util.Locale;

/**
 * What a sweep optimises: a validation metric, never a test one, so that the winner's test accuracy
 * stays an honest estimate. {@link #score} turns a metric's value so that higher is always better.
 */
public record Objective(Metric metric, Goal goal) {

    /** The validation metrics a trial reports every epoch. */
    public enum Metric {
        VALIDATION_ACCURACY("validationAccuracy", Goal.MAXIMIZE),
        VALIDATION_LOSS("validationLoss", Goal.MINIMIZE);

        private final String id;
        private final Goal natural;

        Metric(String id, Goal natural) {
            this.id = id;
            this.natural = natural;
        }

        public String id() {
            return id;
        }

        public static Metric of(String id) {
            for (Metric metric : values()) {
                if (metric.id.equals(id)) {
                    return metric;
                }
            }
            throw new InvalidSweepException("must be validationAccuracy or validationLoss, not '" + id + "'");
        }
    }

    public enum Goal {
        MAXIMIZE,
        MINIMIZE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Goal of(String id) {
            for (Goal goal : values()) {
                if (goal.id().equals(id)) {
                    return goal;
                }
            }
            throw new InvalidSweepException("must be maximize or minimize, not '" + id + "'");
        }
    }

    /** Validation accuracy, maximised: the default. */
    public static Objective defaultObjective() {
        return new Objective(Metric.VALIDATION_ACCURACY, Goal.MAXIMIZE);
    }

    /** The metric's own goal when none is given. */
    public static Objective of(Metric metric, Goal goal) {
        return new Objective(metric, goal == null ? metric.natural : goal);
    }

    public double score(double value) {
        return goal == Goal.MAXIMIZE ? value : -value;
    }
}
