package dev.backprop.engine;

import dev.backprop.dataset.Dataset;
import dev.backprop.dataset.RealMnist;
import java.util.List;

/**
 * The three networks the explanation tests explain, each trained once per test JVM on the real MNIST
 * for one quick epoch: the seed network (sigmoid, quadratic cost), a ReLU network with softmax and
 * cross-entropy, and a tanh network with batch norm. Tests that use them are skipped without the MNIST.
 */
final class MnistNetworks {

    private static Classifier seed;
    private static Classifier relu;
    private static Classifier batchNorm;

    private MnistNetworks() {}

    static Dataset mnist() {
        return RealMnist.load();
    }

    static synchronized Classifier seed() {
        if (seed == null) {
            seed = train(TrainingConfig.seedNetwork(1).withEpochs(1));
        }
        return seed;
    }

    static synchronized Classifier relu() {
        if (relu == null) {
            relu = train(softmax(new Architecture(List.of(784, 100, 10), Activation.RELU, Activation.SOFTMAX, false)));
        }
        return relu;
    }

    static synchronized Classifier batchNorm() {
        if (batchNorm == null) {
            batchNorm =
                    train(softmax(new Architecture(List.of(784, 100, 10), Activation.TANH, Activation.SOFTMAX, true)));
        }
        return batchNorm;
    }

    private static TrainingConfig softmax(Architecture architecture) {
        return TrainingConfig.builder(architecture)
                .initializer(Initializer.SCALED_NORMAL)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Sgd(0.1))
                .epochs(1)
                .batchSize(10)
                .seed(1)
                .build();
    }

    private static Classifier train(TrainingConfig config) {
        Dataset mnist = mnist();
        TrainingResult result = new Trainer(config).train(mnist.training(), mnist.test(), new TrainingMonitor() {});
        EpochResult last = result.epochs().get(result.epochs().size() - 1);
        System.out.printf(
                "%s: %.4f test accuracy after %d epoch(s)%n", config.architecture(), last.testAccuracy(), last.epoch());
        return result.network().freeze();
    }
}
