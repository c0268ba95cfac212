package dev.backprop.engine;

/**
 * A rule that moves parameters against their gradient. Each parameter array gets its own
 * {@link ParameterState} (velocities, moment estimates), created once per training run.
 *
 * <p>Every rule sees the gradient of the mean cost over the mini-batch plus the L2 term:
 * {@code g = (1/m)·Σₓ∇Cₓ + λ'·w}, where {@code λ' = λ/n} for weights and 0 for biases.
 */
public sealed interface Optimizer {

    /** η, the step size (the schedule's base rate). */
    double learningRate();

    /** The same rule with step size {@code rate}, for an epoch of a learning-rate schedule. */
    Optimizer withLearningRate(double rate);

    /** A fresh state for one parameter array of {@code size} elements. */
    ParameterState newState(int size);

    /**
     * Whether the step is {@code w ← w − η·g} with no state, so that the gradient product can add it
     * straight into the weights instead of filling a gradient buffer: on the seed network that halves the
     * memory traffic of the update.
     */
    default boolean fusesIntoGradient() {
        return false;
    }

    /** Plain gradient descent, the seed's {@code w ← w − η/m·Σ∇}: stateless. */
    record Sgd(double learningRate) implements Optimizer {
        @Override
        public Sgd withLearningRate(double rate) {
            return new Sgd(rate);
        }

        @Override
        public boolean fusesIntoGradient() {
            return true;
        }

        @Override
        public ParameterState newState(int size) {
            return new ParameterState(learningRate) {
                @Override
                protected void update(float[] param, float[] gradSum, float gradScale, float decay, int from, int to) {
                    float eta = (float) rate;
                    for (int k = from; k < to; k++) {
                        param[k] -= eta * (gradSum[k] * gradScale + decay * param[k]);
                    }
                }
            };
        }
    }

    /** Classical momentum: {@code v ← μv − ηg; w ← w + v}. */
    record Momentum(double learningRate, double momentum) implements Optimizer {
        @Override
        public Momentum withLearningRate(double rate) {
            return new Momentum(rate, momentum);
        }

        @Override
        public ParameterState newState(int size) {
            float[] velocity = new float[size];
            return new ParameterState(learningRate, velocity) {
                @Override
                protected void update(float[] param, float[] gradSum, float gradScale, float decay, int from, int to) {
                    float eta = (float) rate;
                    float mu = (float) momentum;
                    for (int k = from; k < to; k++) {
                        float g = gradSum[k] * gradScale + decay * param[k];
                        velocity[k] = mu * velocity[k] - eta * g;
                        param[k] += velocity[k];
                    }
                }
            };
        }
    }

    /** RMSprop: {@code s ← ρs + (1 − ρ)g²; w ← w − ηg / (√s + ε)}. */
    record RmsProp(double learningRate, double rho, double epsilon) implements Optimizer {
        @Override
        public RmsProp withLearningRate(double rate) {
            return new RmsProp(rate, rho, epsilon);
        }

        @Override
        public ParameterState newState(int size) {
            float[] meanSquare = new float[size];
            return new ParameterState(learningRate, meanSquare) {
                @Override
                protected void update(float[] param, float[] gradSum, float gradScale, float decay, int from, int to) {
                    float eta = (float) rate;
                    float r = (float) rho;
                    float eps = (float) epsilon;
                    for (int k = from; k < to; k++) {
                        float g = gradSum[k] * gradScale + decay * param[k];
                        meanSquare[k] = r * meanSquare[k] + (1 - r) * g * g;
                        param[k] -= eta * g / ((float) Math.sqrt(meanSquare[k]) + eps);
                    }
                }
            };
        }
    }

    /**
     * Adam (Kingma and Ba): moment estimates {@code m ← β₁m + (1 − β₁)g}, {@code v ← β₂v + (1 − β₂)g²},
     * bias-corrected by {@code 1 − βᵗ}, then {@code w ← w − η m̂ / (√v̂ + ε)}.
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
        @Override
        public Adam withLearningRate(double rate) {
            return new Adam(rate, beta1, beta2, epsilon);
        }

        @Override
        public ParameterState newState(int size) {
            float[] first = new float[size];
            float[] second = new float[size];
            return new ParameterState(learningRate, first, second) {
                @Override
                protected void update(float[] param, float[] gradSum, float gradScale, float decay, int from, int to) {
                    long t = steps;
                    // The bias corrections fold into one step size, as in the paper's section 2.
                    float eta = (float) (rate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
                    float eps = (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, t)));
                    float b1 = (float) beta1;
                    float b2 = (float) beta2;
                    for (int k = from; k < to; k++) {
                        float g = gradSum[k] * gradScale + decay * param[k];
                        first[k] = b1 * first[k] + (1 - b1) * g;
                        second[k] = b2 * second[k] + (1 - b2) * g * g;
                        param[k] -= eta * first[k] / ((float) Math.sqrt(second[k]) + eps);
                    }
                }
            };
        }
    }

    /**
     * What an optimiser remembers about one parameter array between steps. Its buffers are exposed so
     * that a checkpoint can save and restore them.
     */
    abstract class ParameterState {
        private final float[][] buffers;
        /** Steps taken so far; Adam's bias correction depends on it. */
        protected long steps;

        /** η of the current epoch: the optimiser's own until a schedule sets it. */
        protected double rate;

        ParameterState(double rate, float[]... buffers) {
            this.rate = rate;
            this.buffers = buffers;
        }

        /** Sets η for the steps to come (a schedule's rate for the next epoch); no buffer changes. */
        public final void learningRate(double rate) {
            this.rate = rate;
        }

        /**
         * Moves {@code param} one step, given the gradient summed over the mini-batch ({@code gradScale}
         * is 1/m) and the L2 coefficient {@code decay} (λ/n, or 0).
         */
        public final void step(float[] param, float[] gradSum, float gradScale, float decay) {
            steps++;
            update(param, gradSum, gradScale, decay, 0, param.length);
        }

        /**
         * One step over elements {@code [from, to)} only, so that threads can share a step: call
         * {@link #advance()} once, then this for disjoint ranges that cover the array.
         */
        public final void stepRange(float[] param, float[] gradSum, float gradScale, float decay, int from, int to) {
            update(param, gradSum, gradScale, decay, from, to);
        }

        /** Counts a step taken by {@link #stepRange} calls. */
        public final void advance() {
            steps++;
        }

        /** One step of the rule on elements {@code [from, to)}; {@link #steps} already counts it. */
        protected abstract void update(float[] param, float[] gradSum, float gradScale, float decay, int from, int to);

        /** The state's arrays, in a fixed order, for checkpoints. */
        public float[][] buffers() {
            return buffers;
        }

        public long steps() {
            return steps;
        }

        /** Restores the step count saved with a checkpoint (the buffers are restored in place). */
        public void restoreSteps(long steps) {
            this.steps = steps;
        }
    }
}
