package dev.backprop.engine;

/**
 * How the learning rate moves from epoch to epoch: {@code η_e = rate(η, e, E)} for epoch {@code e} of
 * {@code E}, counting from 1, held for the whole epoch so that each epoch's record names the one rate
 * it used. Every schedule starts at the request's rate η except one-cycle, which rises from η to its
 * peak first.
 */
public sealed interface LearningRateSchedule {

    /** The rate of epoch {@code epoch} (1-based) of {@code epochs}, from the base rate {@code base}. */
    double rate(double base, int epoch, int epochs);

    /** η throughout, the lecture's plain gradient descent. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double base, int epoch, int epochs) {
            return base;
        }
    }

    /** Step decay: {@code η · factor^⌊(e − 1) / every⌋}, the rate cut by {@code factor} every {@code every} epochs. */
    record Step(int every, double factor) implements LearningRateSchedule {
        public Step {
            if (every < 1 || !(factor > 0) || factor > 1) {
                throw new IllegalArgumentException("step decay needs every ≥ 1 and 0 < factor ≤ 1");
            }
        }

        @Override
        public double rate(double base, int epoch, int epochs) {
            return base * Math.pow(factor, (epoch - 1) / every);
        }
    }

    /** Exponential decay: {@code η · factor^(e − 1)}. */
    record Exponential(double factor) implements LearningRateSchedule {
        public Exponential {
            if (!(factor > 0) || factor > 1) {
                throw new IllegalArgumentException("exponential decay needs 0 < factor ≤ 1");
            }
        }

        @Override
        public double rate(double base, int epoch, int epochs) {
            return base * Math.pow(factor, epoch - 1);
        }
    }

    /**
     * Cosine annealing (Loshchilov and Hutter, without restarts):
     * {@code min + (η − min)·(1 + cos(π(e − 1)/E))/2}, from η at the first epoch towards {@code min}.
     */
    record Cosine(double minRate) implements LearningRateSchedule {
        public Cosine {
            if (!(minRate >= 0)) {
                throw new IllegalArgumentException("cosine annealing needs minRate ≥ 0");
            }
        }

        @Override
        public double rate(double base, int epoch, int epochs) {
            return minRate + (base - minRate) * (1 + Math.cos(Math.PI * (epoch - 1) / epochs)) / 2;
        }
    }

    /**
     * One-cycle (Smith): over the first {@code warmup} fraction of the epochs the rate rises linearly from
     * η to {@code maxRate}, then anneals along a cosine towards zero. With {@code p = (e − 1)/E}:
     * {@code η + (max − η)·p/w} while {@code p < w}, else {@code max·(1 + cos(π(p − w)/(1 − w)))/2}.
     */
    record OneCycle(double maxRate, double warmup) implements LearningRateSchedule {
        public OneCycle {
            if (!(maxRate > 0) || !(warmup >= 0) || !(warmup < 1)) {
                throw new IllegalArgumentException("one-cycle needs maxRate > 0 and 0 ≤ warmup < 1");
            }
        }

        @Override
        public double rate(double base, int epoch, int epochs) {
            double progress = (epoch - 1) / (double) epochs;
            if (progress < warmup) {
                return base + (maxRate - base) * progress / warmup;
            }
            return maxRate * (1 + Math.cos(Math.PI * (progress - warmup) / (1 - warmup))) / 2;
        }
    }
}
