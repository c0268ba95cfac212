package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussLegendreTest {

    @ParameterizedTest(name = "{0} points")
    @ValueSource(ints = {1, 2, 3, 16, 64, 256, 512})
    void integratesPolynomialsUpToDegreeTwoNMinusOneExactlyOnTheUnitInterval(int points) {
        double[][] rule = Explainer.gaussLegendre(points);
        double[] nodes = rule[0];
        double[] weights = rule[1];
        double total = 0;
        for (int k = 0; k < points; k++) {
            assertThat(nodes[k]).isStrictlyBetween(0.0, 1.0);
            if (k > 0) {
                assertThat(nodes[k]).isGreaterThan(nodes[k - 1]);
            }
            total += weights[k];
        }
        assertThat(total).isCloseTo(1, within(1e-12));
        int degree = Math.min(2 * points - 1, 41);
        double integral = 0;
        for (int k = 0; k < points; k++) {
            integral += weights[k] * Math.pow(nodes[k], degree);
        }
        assertThat(integral).isCloseTo(1.0 / (degree + 1), within(1e-12));
    }
}
