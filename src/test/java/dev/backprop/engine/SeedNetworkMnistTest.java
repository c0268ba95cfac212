package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.RealMnist;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lecture's worked example on the real MNIST: {@code Network([784, 30, 10]).SGD(training_data, 30, 10,
 * 3.0, test_data=test_data)} reaches about 95% test accuracy.
 */
class SeedNetworkMnistTest {

    @Test
    void theSeedNetworkReaches95PercentIn30Epochs() {
        Dataset mnist = RealMnist.load();
        List<EpochResult> epochs = new ArrayList<>();
        TrainingResult result = new Trainer(TrainingConfig.seedNetwork(1))
                .train(mnist.training(), mnist.test(), new TrainingMonitor() {
                    @Override
                    public void epochFinished(EpochResult epoch) {
                        epochs.add(epoch);
                        System.out.printf(
                                "Epoch %d: %.4f test accuracy, %d ms%n",
                                epoch.epoch(), epoch.testAccuracy(), epoch.durationNanos() / 1_000_000);
                    }
                });
        assertThat(result.epochs()).hasSize(30);
        double last = epochs.get(29).testAccuracy();
        double best =
                epochs.stream().mapToDouble(EpochResult::testAccuracy).max().orElseThrow();
        assertThat(last).isGreaterThanOrEqualTo(0.948);
        assertThat(best).isGreaterThanOrEqualTo(0.95);
    }
}
