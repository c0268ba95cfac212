package dev.backprop.engine;

import java.util.Random;

/** How a layer's weights and biases are drawn before training. */
public enum Initializer {

    /** Weights and biases from N(0, 1): the seed network's choice, which saturates wide layers. */
    NORMAL {
        @Override
        double weightDeviation(int inputs, int units) {
            return 1;
        }

        @Override
        double biasDeviation() {
            return 1;
        }
    },

    /** Weights from N(0, 1/n_in) so that z starts near unit variance; biases from N(0, 1). */
    SCALED_NORMAL {
        @Override
        double weightDeviation(int inputs, int units) {
            return Math.sqrt(1.0 / inputs);
        }

        @Override
        double biasDeviation() {
            return 1;
        }
    },

    /** Glorot and Bengio: weights from N(0, 2/(n_in + n_out)), biases 0; suits sigmoid and tanh. */
    XAVIER {
        @Override
        double weightDeviation(int inputs, int units) {
            return Math.sqrt(2.0 / (inputs + units));
        }
    },

    /** He et al.: weights from N(0, 2/n_in), biases 0; keeps ReLU layers' variance from shrinking. */
    HE {
        @Override
        double weightDeviation(int inputs, int units) {
            return Math.sqrt(2.0 / inputs);
        }
    },

    /**
     * PyTorch's default for {@code nn.Linear}: weights and biases from U(−1/√n_in, 1/√n_in). Not offered
     * over HTTP; the benchmark starts its networks as the PyTorch peer does, so that their accuracies
     * compare like with like.
     */
    UNIFORM_FAN_IN {
        @Override
        double weightDeviation(int inputs, int units) {
            return 1 / Math.sqrt(3.0 * inputs);
        }

        @Override
        void initialize(float[] weights, float[] biases, int inputs, int units, Random random) {
            double bound = 1 / Math.sqrt(inputs);
            for (int j = 0; j < units; j++) {
                biases[j] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            for (int k = 0, n = inputs * units; k < n; k++) {
                weights[k] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
        }
    };

    abstract double weightDeviation(int inputs, int units);

    double biasDeviation() {
        return 0;
    }

    /** Fills a layer's biases, then its weights, from {@code random} (whose sequence is specified). */
    void initialize(float[] weights, float[] biases, int inputs, int units, Random random) {
        double biasDeviation = biasDeviation();
        for (int j = 0; j < units; j++) {
            biases[j] = (float) (random.nextGaussian() * biasDeviation);
        }
        double weightDeviation = weightDeviation(inputs, units);
        for (int k = 0, n = inputs * units; k < n; k++) {
            weights[k] = (float) (random.nextGaussian() * weightDeviation);
        }
    }
}
