package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InitializerTest {

    @Test
    void uniformFanInDrawsWeightsAndBiasesAsPyTorchsLinearDoes() {
        int inputs = 784;
        int units = 128;
        float[] weights = new float[inputs * units];
        float[] biases = new float[units];
        Initializer.UNIFORM_FAN_IN.initialize(weights, biases, inputs, units, new Random(1));

        double bound = 1 / Math.sqrt(inputs);
        double sum = 0;
        double squares = 0;
        for (float w : weights) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo((float) bound);
            sum += w;
            squares += (double) w * w;
        }
        double mean = sum / weights.length;
        // U(−b, b) has variance b²/3, the deviation weightDeviation reports
        double deviation = Math.sqrt(squares / weights.length - mean * mean);
        assertThat(mean).isCloseTo(0, within(bound / 100));
        assertThat(deviation).isCloseTo(Initializer.UNIFORM_FAN_IN.weightDeviation(inputs, units), within(bound / 100));
        for (float b : biases) {
            assertThat(Math.abs(b)).isLessThanOrEqualTo((float) bound).isGreaterThan(0f);
        }
    }

    @Test
    void heKeepsItsZeroBiases() {
        float[] weights = new float[20];
        float[] biases = new float[5];
        Initializer.HE.initialize(weights, biases, 4, 5, new Random(1));
        for (float b : biases) {
            assertThat(b == 0f).isTrue(); // ±0: a normal draw times a deviation of 0
        }
        assertThat(weights).isNotEqualTo(new float[20]);
    }
}
