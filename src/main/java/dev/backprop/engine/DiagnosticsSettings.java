package dev.backprop.engine;

/**
 * What the per-layer diagnostics measure and how often: at the end of every epoch on a fixed probe of
 * the first {@code probe} training examples, and every {@code everySteps} mini-batch steps too when
 * that is positive.
 */
public record DiagnosticsSettings(int probe, int everySteps) {

    public static final int DEFAULT_PROBE = 1000;

    public DiagnosticsSettings {
        if (probe < 1) {
            throw new IllegalArgumentException("the diagnostics probe needs at least one example");
        }
        if (everySteps < 0) {
            throw new IllegalArgumentException("everySteps must be ≥ 0");
        }
    }

    /** Every epoch on the default probe of 1000 examples, no steps in between. */
    public static DiagnosticsSettings defaults() {
        return new DiagnosticsSettings(DEFAULT_PROBE, 0);
    }

    /** Whether step {@code step} (counted from 1 over the whole run) is one to measure after. */
    boolean measuresStep(long step) {
        return everySteps > 0 && step % everySteps == 0;
    }
}
