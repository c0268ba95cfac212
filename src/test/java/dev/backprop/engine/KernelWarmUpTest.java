package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelWarmUpTest {

    @Test
    void itsDigitsAreAsSparseAsMnistsAndLearnable() {
        ExampleSet digits = KernelWarmUp.syntheticDigits(new Random(7));
        double ink = 0;
        for (int e = 0; e < digits.count(); e++) {
            ink += digits.sparse().start()[e + 1] - digits.sparse().start()[e];
        }
        double share = ink / digits.count() / 784;
        assertThat(share).isBetween(0.1, 0.3); // MNIST's digits: 19% of the pixels are ink
        TrainingResult result =
                new Trainer(KernelWarmUp.runs(3).get(1)).train(digits, digits, new TrainingMonitor() {});
        assertThat(result.epochs().get(2).testAccuracy()).isGreaterThan(0.9);
    }

    @Test
    void trainsEveryRunAsJobsDo() {
        assertThat(KernelWarmUp.runs(1)).hasSize(2);
        assertThat(KernelWarmUp.run(1)).isPositive();
    }
}
