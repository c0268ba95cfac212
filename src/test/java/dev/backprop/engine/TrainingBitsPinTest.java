package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.RealMnist;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the engine's arithmetic to the bit: for each path a step can take on the engine's own kernels
 * (the first layer summed by pixel halves; the batch shared by examples; batch norm with dropout on one
 * thread), a SHA-256 of the weights as the file format writes them, every epoch's training loss,
 * validation and test metrics, the test images' probabilities and one explanation. The expected hashes
 * were computed on main at de3dcd9, before the engine's layers were regrouped, by running this test
 * with a wrong value and copying the one it printed; the seed network's again when sigmoid outputs came to be
 * divided by their sum instead of going through log σ (its probabilities alone changed, in the last bits; the
 * softmax networks' hashes stayed). The vector and plain-loop kernels are
 * bit-identical, so the hashes do not depend on the processor; the native BLAS path is left out, its
 * sums being the library's.
 */
class TrainingBitsPinTest {

    @ParameterizedTest(name = "{0} on {1} thread(s)")
    @CsvSource({
        "seed, 1, 1666db3f0ad234ca633c250f8925a1d3f6a0a142a0aaa454caa7f5493a516c92",
        "seed, 2, 1666db3f0ad234ca633c250f8925a1d3f6a0a142a0aaa454caa7f5493a516c92",
        "modern, 2, a26557002ef98466f519ea27a5957f5612cc586ecd0c03a95fc6b111fd6b4360",
        "batchNormDropout, 1, 9a6bef73026f1cbf40340de8ff0080982218e81334a29d13e16f1261bb7a4047",
    })
    void trainingPredictionsAndExplanationsKeepTheirBits(String network, int threads, String expected)
            throws Exception {
        Dataset mnist = RealMnist.load();
        TrainingConfig config = config(network);
        TrainingResult result =
                new Trainer(config, threads).train(mnist.training(), mnist.test(), new TrainingMonitor() {});
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        NetworkFormat.write(result.network(), new DataOutputStream(file));
        digest.update(file.toByteArray());
        for (EpochResult epoch : result.epochs()) {
            update(
                    digest,
                    epoch.trainLoss(),
                    epoch.trainAccuracy(),
                    epoch.validationLoss(),
                    epoch.validationAccuracy());
            update(digest, epoch.testLoss(), epoch.testAccuracy());
        }
        Classifier classifier = result.network().freeze();
        int count = 300;
        float[] images = new float[count * 784];
        for (int k = 0; k < count; k++) {
            System.arraycopy(mnist.test().image(k), 0, images, k * 784, 784);
        }
        update(digest, classifier.probabilities(images, count));
        if (classifier.lastHiddenUnits() > 0) {
            update(digest, classifier.lastHiddenActivations(images, count));
        }
        float[] image = mnist.test().image(1);
        Explainer explainer = new Explainer(classifier);
        update(
                digest,
                explainer
                        .integratedGradients(image, 3, new float[image.length], 16)
                        .attributions());
        update(digest, explainer.saliency(image, 5).attributions());
        String hash = HexFormat.of().formatHex(digest.digest());
        System.out.println(network + " on " + threads + " thread(s): " + hash);
        assertThat(hash).isEqualTo(expected);
    }

    private static TrainingConfig config(String network) {
        return switch (network) {
            case "seed" ->
                TrainingConfig.seedNetwork(7).toBuilder()
                        .epochs(2)
                        .trainLimit(3000)
                        .validationSize(500)
                        .build();
            case "modern" ->
                TrainingConfig.builder(
                                new Architecture(List.of(784, 128, 64, 10), Activation.RELU, Activation.SOFTMAX, false))
                        .initializer(Initializer.SCALED_NORMAL)
                        .loss(Loss.CROSS_ENTROPY)
                        .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8))
                        .l2(1.0)
                        .epochs(2)
                        .batchSize(64)
                        .trainLimit(3000)
                        .validationSize(500)
                        .seed(7)
                        .build();
            case "batchNormDropout" ->
                TrainingConfig.builder(
                                new Architecture(List.of(784, 40, 20, 10), Activation.TANH, Activation.SOFTMAX, true))
                        .initializer(Initializer.SCALED_NORMAL)
                        .loss(Loss.CROSS_ENTROPY)
                        .optimizer(new Optimizer.Momentum(0.05, 0.9))
                        .dropout(0.2)
                        .epochs(2)
                        .batchSize(32)
                        .trainLimit(3000)
                        .validationSize(500)
                        .seed(7)
                        .build();
            default -> throw new IllegalArgumentException(network);
        };
    }

    private static void update(MessageDigest digest, Double... values) {
        for (Double value : values) {
            digest.update(ByteBuffer.allocate(8)
                    .putLong(value == null ? 0 : Double.doubleToRawLongBits(value))
                    .array());
        }
    }

    private static void update(MessageDigest digest, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4);
        for (float value : values) {
            bytes.putInt(Float.floatToRawIntBits(value));
        }
        digest.update(bytes.array());
    }
}
