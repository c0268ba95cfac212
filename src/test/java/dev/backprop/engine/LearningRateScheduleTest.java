package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each schedule's rate by epoch against its closed form, worked out by hand. */
class LearningRateScheduleTest {

    private static double[] rates(LearningRateSchedule schedule, double base, int epochs) {
        return IntStream.rangeClosed(1, epochs)
                .mapToDouble(e -> schedule.rate(base, e, epochs))
                .toArray();
    }

    @Test
    void constantKeepsTheBaseRate() {
        assertThat(rates(new LearningRateSchedule.Constant(), 3.0, 4)).containsExactly(3.0, 3.0, 3.0, 3.0);
    }

    @Test
    void stepDecayCutsTheRateEveryFewEpochs() {
        assertThat(rates(new LearningRateSchedule.Step(2, 0.5), 0.1, 6))
                .containsExactly(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025}, within(1e-15));
    }

    @Test
    void exponentialDecayMultipliesEveryEpoch() {
        assertThat(rates(new LearningRateSchedule.Exponential(0.9), 1.0, 4))
                .containsExactly(new double[] {1.0, 0.9, 0.81, 0.729}, within(1e-15));
    }

    @Test
    void cosineAnnealsFromTheBaseTowardsTheMinimum() {
        // E = 4: cos(0) = 1, cos(π/4) = √2/2, cos(π/2) = 0, cos(3π/4) = −√2/2.
        double h = Math.sqrt(2) / 2;
        assertThat(rates(new LearningRateSchedule.Cosine(0.0), 1.0, 4))
                .containsExactly(new double[] {1.0, (1 + h) / 2, 0.5, (1 - h) / 2}, within(1e-15));
        assertThat(new LearningRateSchedule.Cosine(0.2).rate(1.0, 3, 4)).isCloseTo(0.6, within(1e-15));
    }

    @Test
    void oneCycleWarmsUpLinearlyThenAnnealsFromThePeak() {
        // E = 5, warm-up 0.4: p = 0, 0.2 warm up (0.1 → 0.55); p = 0.4 is the peak 1.0; then
        // cos(π·0.2/0.6) = cos(π/3) = 0.5 → 0.75 and cos(π·0.4/0.6) = cos(2π/3) = −0.5 → 0.25.
        assertThat(rates(new LearningRateSchedule.OneCycle(1.0, 0.4), 0.1, 5))
                .containsExactly(new double[] {0.1, 0.55, 1.0, 0.75, 0.25}, within(1e-12));
        assertThat(rates(new LearningRateSchedule.OneCycle(0.5, 0.0), 0.1, 2))
                .containsExactly(new double[] {0.5, 0.25}, within(1e-12));
    }

    @Test
    void refusesParametersThatMakeNoSchedule() {
        assertThatThrownBy(() -> new LearningRateSchedule.Step(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LearningRateSchedule.Exponential(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LearningRateSchedule.Cosine(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LearningRateSchedule.OneCycle(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
