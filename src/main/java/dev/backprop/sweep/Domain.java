package dev.backprop.sweep;

import java.util.List;
import java.util.SplittableRandom;

/** The values one hyperparameter may take in a sweep. */
public sealed interface Domain {

    /** A value drawn uniformly from the domain (log-uniformly for {@link LogUniform}). */
    Object sample(SplittableRandom random);

    /** How many values a grid takes from this domain; −1 for a continuous one, which a grid cannot walk. */
    default long gridValues() {
        return -1;
    }

    /** The grid's {@code k}-th value of this domain, {@code 0 ≤ k < gridValues()}. */
    default Object gridValue(long k) {
        throw new UnsupportedOperationException("a continuous range has no grid");
    }

    /** One of a list of values (numbers, strings or lists such as {@code layers}), each as likely. */
    record Choice(List<Object> values) implements Domain {
        public Choice {
            if (values == null || values.isEmpty()) {
                throw new InvalidSweepException("choice needs at least one value");
            }
            values = List.copyOf(values);
        }

        @Override
        public Object sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public long gridValues() {
            return values.size();
        }

        @Override
        public Object gridValue(long k) {
            return values.get((int) k);
        }
    }

    /** A real number in {@code [low, high]}. */
    record Uniform(double low, double high) implements Domain {
        public Uniform {
            if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new InvalidSweepException(
                        "uniform needs finite [low, high] with low ≤ high, not [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object sample(SplittableRandom random) {
            return low + (high - low) * random.nextDouble();
        }
    }

    /** A positive real number whose logarithm is uniform in {@code [log low, log high]}: a learning rate. */
    record LogUniform(double low, double high) implements Domain {
        public LogUniform {
            if (!(low > 0) || !(low <= high) || !Double.isFinite(high)) {
                throw new InvalidSweepException("logUniform needs 0 < low ≤ high, not [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object sample(SplittableRandom random) {
            return Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * random.nextDouble());
        }
    }

    /** A whole number in {@code [low, high]}, both included: a hidden layer's size. */
    record IntUniform(long low, long high) implements Domain {
        public IntUniform {
            if (low > high) {
                throw new InvalidSweepException("intUniform needs low ≤ high, not [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object sample(SplittableRandom random) {
            return random.nextLong(low, high + 1);
        }

        @Override
        public long gridValues() {
            return high - low + 1;
        }

        @Override
        public Object gridValue(long k) {
            return low + k;
        }
    }
}
