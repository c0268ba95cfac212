package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.RealMnist;
import dev.backprop.engine.ExampleSet;
import dev.backprop.job.EpochMetrics;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import dev.backprop.model.BatchPredictionResponse;
import dev.backprop.model.PredictionResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole loop on the real MNIST: the seed network over REST, then real test digits through /predict. */
class SeedNetworkOverRestTest {

    private static final String SEED_NETWORK = """
            {"name": "seed network", "dataset": "mnist", "layers": [784, 30, 10], "hiddenActivation": "sigmoid",
             "outputActivation": "sigmoid", "loss": "quadratic", "optimizer": "sgd", "learningRate": 3.0,
             "epochs": 30, "batchSize": 10, "seed": 1}""";

    @Test
    void theSeedNetworkTrainedOverRestRecognisesRealDigits() {
        Dataset mnist = RealMnist.load();
        RunningService service = RealMnistService.get();
        BackpropClient backprop = new BackpropClient(service.client());
        Job job = backprop.awaitFinished(backprop.submit(SEED_NETWORK).id(), Duration.ofMinutes(3));

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.epochs()).hasSize(30);
        double last = job.epochs().get(29).testAccuracy();
        double best = job.epochs().stream()
                .mapToDouble(EpochMetrics::testAccuracy)
                .max()
                .orElseThrow();
        long medianMs = job.epochs().stream()
                .mapToLong(EpochMetrics::durationMs)
                .sorted()
                .skip(15)
                .findFirst()
                .orElseThrow();
        System.out.printf(
                "Seed network over REST: final test accuracy %.4f, best %.4f, median epoch %d ms%n",
                last, best, medianMs);
        assertThat(last).isGreaterThanOrEqualTo(0.948);
        assertThat(best).isGreaterThanOrEqualTo(0.95);

        ExampleSet test = mnist.test();
        List<int[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int right = 0;
        for (int e = 0; e < 500; e++) {
            int[] pixels = new int[784];
            for (int i = 0; i < 784; i++) {
                pixels[i] = test.pixel(e, i);
            }
            images.add(pixels);
            PredictionResponse prediction = backprop.predict(job.modelId(), pixels);
            labels.add(prediction.label());
            if (prediction.label() == test.label(e)) {
                right++;
            }
        }
        double accuracy = right / 500.0;
        System.out.printf("/predict on 500 real test digits: %.3f%n", accuracy);
        assertThat(accuracy).isBetween(last - 0.03, last + 0.03);

        BatchPredictionResponse batch = backprop.predictBatch(job.modelId(), images);
        assertThat(batch.predictions()).hasSize(500);
        for (int e = 0; e < 500; e++) {
            assertThat(batch.predictions().get(e).label()).as("image %d", e).isEqualTo(labels.get(e));
        }
    }
}
