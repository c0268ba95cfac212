package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** One or two steps of each rule on two parameters, against values worked out by hand. */
class OptimizerTest {

    private static final float[] GRADIENT_SUM = {0.4f, -0.2f}; // mean gradient (0.2, −0.1) over a batch of 2
    private static final float HALF = 0.5f;

    @Test
    void sgdStepsAgainstTheMeanGradient() {
        float[] w = {1.0f, -1.0f};
        new Optimizer.Sgd(0.5).newState(2).step(w, GRADIENT_SUM, HALF, 0);
        // w − η·g = (1 − 0.5·0.2, −1 + 0.5·0.1)
        assertThat(w[0]).isCloseTo(0.9f, within(1e-6f));
        assertThat(w[1]).isCloseTo(-0.95f, within(1e-6f));
    }

    @Test
    void sgdShrinksWeightsByTheL2Term() {
        float[] w = {1.0f, -1.0f};
        new Optimizer.Sgd(0.5).newState(2).step(w, new float[] {0, 0}, HALF, 0.1f);
        // w − η·λ'·w = w·(1 − 0.05)
        assertThat(w[0]).isCloseTo(0.95f, within(1e-6f));
        assertThat(w[1]).isCloseTo(-0.95f, within(1e-6f));
    }

    @Test
    void momentumAccumulatesVelocity() {
        float[] w = {1.0f, -1.0f};
        Optimizer.ParameterState state = new Optimizer.Momentum(0.5, 0.9).newState(2);
        state.step(w, GRADIENT_SUM, HALF, 0);
        // v₁ = −η·g = (−0.1, 0.05); w₁ = (0.9, −0.95)
        state.step(w, GRADIENT_SUM, HALF, 0);
        // v₂ = 0.9·v₁ − η·g = (−0.19, 0.095); w₂ = (0.71, −0.855)
        assertThat(w[0]).isCloseTo(0.71f, within(1e-6f));
        assertThat(w[1]).isCloseTo(-0.855f, within(1e-6f));
        assertThat(state.buffers()[0][0]).isCloseTo(-0.19f, within(1e-6f));
    }

    @Test
    void rmsPropDividesByTheRunningRootMeanSquare() {
        float[] w = {1.0f, -1.0f};
        new Optimizer.RmsProp(0.01, 0.9, 1e-8).newState(2).step(w, GRADIENT_SUM, HALF, 0);
        // s = 0.1·g² = (0.004, 0.001); step = η·g/√s = 0.01·(0.2/0.063246, −0.1/0.031623) = (0.031623, −0.031623)
        assertThat(w[0]).isCloseTo(1 - 0.0316228f, within(1e-5f));
        assertThat(w[1]).isCloseTo(-1 + 0.0316228f, within(1e-5f));
    }

    @Test
    void adamsFirstStepIsTheLearningRateTimesTheGradientsSign() {
        float[] w = {1.0f, -1.0f};
        Optimizer.ParameterState state = new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8).newState(2);
        state.step(w, GRADIENT_SUM, HALF, 0);
        // m̂ = g, v̂ = g², so the step is η·g/|g| = ±0.001
        assertThat(w[0]).isCloseTo(0.999f, within(1e-6f));
        assertThat(w[1]).isCloseTo(-0.999f, within(1e-6f));
        state.step(w, GRADIENT_SUM, HALF, 0);
        // with a constant gradient every bias-corrected step is again ±0.001
        assertThat(w[0]).isCloseTo(0.998f, within(1e-6f));
        assertThat(state.steps()).isEqualTo(2);
    }
}
