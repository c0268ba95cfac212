package dev.backprop.engine;

import dev.backprop.engine.kernels.Loops;

/**
 * A neuron's non-linearity {@code a = f(z)}, with the backward step through it beside it.
 *
 * <p>The batch methods work on a block of {@code units × count} values stored column by column (one
 * column per example), the layout of every activation buffer in the engine. {@link #backward} turns
 * {@code ∂C/∂a} into {@code ∂C/∂z}; for the element-wise functions that is {@code ∂C/∂a ⊙ f'(z)}, for
 * softmax it is the product with its Jacobian.
 */
public enum Activation {

    /** σ(z) = 1 / (1 + e^−z); σ'(z) = σ(z)(1 − σ(z)). The seed network's neuron. */
    SIGMOID(true, true) {
        @Override
        public double value(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        void forward(float[] z, float[] a, int units, int count) {
            Loops.sigmoid(z, a, units * count);
        }

        @Override
        void backward(float[] z, float[] a, float[] gradA, float[] gradZ, int units, int count) {
            for (int k = 0, n = units * count; k < n; k++) {
                gradZ[k] = flush(gradA[k] * a[k] * (1 - a[k]));
            }
        }
    },

    /** tanh(z); tanh'(z) = 1 − tanh²(z). */
    TANH(true, false) {
        @Override
        public double value(double z) {
            return Math.tanh(z);
        }

        @Override
        void forward(float[] z, float[] a, int units, int count) {
            for (int k = 0, n = units * count; k < n; k++) {
                a[k] = flush((float) Math.tanh(z[k]));
            }
        }

        @Override
        void backward(float[] z, float[] a, float[] gradA, float[] gradZ, int units, int count) {
            for (int k = 0, n = units * count; k < n; k++) {
                gradZ[k] = flush(gradA[k] * (1 - a[k] * a[k]));
            }
        }
    },

    /** max(0, z); its derivative is 1 for z > 0 and 0 otherwise (0 at the kink, as everywhere). */
    RELU(true, false) {
        @Override
        public double value(double z) {
            return Math.max(0, z);
        }

        @Override
        void forward(float[] z, float[] a, int units, int count) {
            Loops.relu(z, a, units * count);
        }

        @Override
        void backward(float[] z, float[] a, float[] gradA, float[] gradZ, int units, int count) {
            Loops.reluBackward(z, gradA, gradZ, units * count);
        }
    },

    /** softplus(z) = ln(1 + e^z), a smooth ReLU; its derivative is σ(z). */
    SOFTPLUS(true, false) {
        @Override
        public double value(double z) {
            // Written so that neither branch overflows e^z.
            return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        }

        @Override
        void forward(float[] z, float[] a, int units, int count) {
            for (int k = 0, n = units * count; k < n; k++) {
                a[k] = flush((float) value(z[k]));
            }
        }

        @Override
        void backward(float[] z, float[] a, float[] gradA, float[] gradZ, int units, int count) {
            for (int k = 0, n = units * count; k < n; k++) {
                gradZ[k] = flush(gradA[k] * (float) (1 / (1 + Math.exp(-z[k]))));
            }
        }
    },

    /**
     * softmax(z)ⱼ = e^zⱼ / Σₖ e^zₖ over one example's outputs; ∂aⱼ/∂zₖ = aⱼ(δⱼₖ − aₖ), so the backward
     * step is {@code aⱼ (gⱼ − Σₖ gₖ aₖ)}.
     */
    SOFTMAX(false, true) {
        @Override
        public double value(double z) {
            throw new UnsupportedOperationException("softmax is defined on a whole output vector, not one value");
        }

        @Override
        void forward(float[] z, float[] a, int units, int count) {
            for (int c = 0; c < count; c++) {
                int from = c * units;
                int to = from + units;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = from; k < to; k++) {
                    max = Math.max(max, z[k]);
                }
                // Subtracting the largest logit keeps e^z finite without changing the result.
                double sum = 0;
                for (int k = from; k < to; k++) {
                    double e = Math.exp(z[k] - max);
                    a[k] = (float) e;
                    sum += e;
                }
                float scale = (float) (1 / sum);
                for (int k = from; k < to; k++) {
                    a[k] = flush(a[k] * scale);
                }
            }
        }

        @Override
        void backward(float[] z, float[] a, float[] gradA, float[] gradZ, int units, int count) {
            for (int c = 0; c < count; c++) {
                int from = c * units;
                int to = from + units;
                float dot = 0;
                for (int k = from; k < to; k++) {
                    dot += gradA[k] * a[k];
                }
                for (int k = from; k < to; k++) {
                    gradZ[k] = flush(a[k] * (gradA[k] - dot));
                }
            }
        }
    },

    /** z itself; derivative 1. Outputs logits or a regression. */
    IDENTITY(false, true) {
        @Override
        public double value(double z) {
            return z;
        }

        @Override
        void forward(float[] z, float[] a, int units, int count) {
            for (int k = 0, n = units * count; k < n; k++) {
                a[k] = flush(z[k]);
            }
        }

        @Override
        void backward(float[] z, float[] a, float[] gradA, float[] gradZ, int units, int count) {
            for (int k = 0, n = units * count; k < n; k++) {
                gradZ[k] = flush(gradA[k]);
            }
        }
    };

    private final boolean hidden;
    private final boolean output;

    Activation(boolean hidden, boolean output) {
        this.hidden = hidden;
        this.output = output;
    }

    /** Whether this function may follow a hidden layer. */
    public boolean allowedInHiddenLayers() {
        return hidden;
    }

    /** Whether this function may follow the output layer. */
    public boolean allowedInOutputLayer() {
        return output;
    }

    /** Zero for values too small to be normal floats ({@link Loops#flush}). */
    static float flush(float value) {
        return Loops.flush(value);
    }

    /** f(z) for one value; element-wise functions only. */
    public abstract double value(double z);

    /** {@code a = f(z)} over a block of {@code units × count} values. {@code a} may be {@code z}. */
    abstract void forward(float[] z, float[] a, int units, int count);

    /**
     * {@code ∂C/∂z} from {@code ∂C/∂a}, given the block's {@code z} and {@code a = f(z)}; {@code gradZ} may
     * be {@code gradA}.
     */
    abstract void backward(float[] z, float[] a, float[] gradA, float[] gradZ, int units, int count);
}
