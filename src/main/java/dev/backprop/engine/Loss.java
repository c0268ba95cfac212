package dev.backprop.engine;

/**
 * How far the network's output {@code a} is from the desired output {@code y} (the one-hot vector of
 * the label), and the error {@code δᴸ = ∂C/∂zᴸ} that backpropagation starts from.
 */
public enum Loss {

    /**
     * The seed's cost ½‖a − y‖². Its gradient with respect to the output is {@code a − y}, which the
     * output activation's derivative then turns into {@code δᴸ = (a − y) ⊙ f'(zᴸ)}.
     */
    QUADRATIC {
        @Override
        double value(Activation output, float[] z, float[] a, int offset, int units, int label) {
            double sum = 0;
            for (int j = 0; j < units; j++) {
                double diff = a[offset + j] - (j == label ? 1 : 0);
                sum += diff * diff;
            }
            return sum / 2;
        }

        @Override
        void outputError(Activation output, float[] z, float[] a, int[] labels, float[] delta, int units, int count) {
            subtractOneHot(a, labels, delta, units, count);
            output.backward(z, a, delta, delta, units, count);
        }
    },

    /**
     * Cross-entropy. With softmax outputs it is {@code −ln a_y}; with sigmoid outputs it is
     * {@code −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)]}. In both cases the output function's derivative
     * cancels and {@code δᴸ = a − y}, which is why it learns faster than the quadratic cost from a
     * saturated start.
     */
    CROSS_ENTROPY {
        @Override
        double value(Activation output, float[] z, float[] a, int offset, int units, int label) {
            if (output == Activation.SOFTMAX) {
                // −ln softmax(z)_y = logΣexp(z) − z_y, computed from z so that it never takes ln 0.
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < units; j++) {
                    max = Math.max(max, z[offset + j]);
                }
                double sum = 0;
                for (int j = 0; j < units; j++) {
                    sum += Math.exp(z[offset + j] - max);
                }
                return max + Math.log(sum) - z[offset + label];
            }
            // With a = σ(z): −[y ln a + (1 − y) ln(1 − a)] = softplus(z) − y·z.
            double sum = 0;
            for (int j = 0; j < units; j++) {
                double zj = z[offset + j];
                sum += Activation.SOFTPLUS.value(zj) - (j == label ? zj : 0);
            }
            return sum;
        }

        @Override
        void outputError(Activation output, float[] z, float[] a, int[] labels, float[] delta, int units, int count) {
            subtractOneHot(a, labels, delta, units, count);
        }

        @Override
        public boolean supports(Activation output) {
            return output == Activation.SOFTMAX || output == Activation.SIGMOID;
        }
    };

    /** Whether this loss is defined for outputs of the given function. */
    public boolean supports(Activation output) {
        return output.allowedInOutputLayer();
    }

    /** The loss of one example whose outputs sit at {@code offset} in {@code z} and {@code a}. */
    abstract double value(Activation output, float[] z, float[] a, int offset, int units, int label);

    /** Writes {@code δᴸ = ∂C/∂zᴸ} for a batch of {@code count} examples into {@code delta}. */
    abstract void outputError(
            Activation output, float[] z, float[] a, int[] labels, float[] delta, int units, int count);

    /** The sum of the losses of a batch's examples. */
    double total(Activation output, float[] z, float[] a, int[] labels, int units, int count) {
        double sum = 0;
        for (int c = 0; c < count; c++) {
            sum += value(output, z, a, c * units, units, labels[c]);
        }
        return sum;
    }

    private static void subtractOneHot(float[] a, int[] labels, float[] delta, int units, int count) {
        System.arraycopy(a, 0, delta, 0, units * count);
        for (int c = 0; c < count; c++) {
            delta[c * units + labels[c]] -= 1;
        }
    }
}
