package dev.backprop.bench;

import dev.backprop.engine.Activation;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.Loss;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.TrainingConfig;
import java.util.List;

/** The five networks of the speed check, each with the peer's arguments for the same training and its goal. */
final class BenchmarkNetworks {

    /** The seed of our runs (the peer's is 1); another to see how much an epoch's accuracy owes to it. */
    static final long SEED = Long.getLong("backprop.bench.seed", 1);

    /**
     * One network: our configuration, the peer's arguments for the same training, and the goal as a ratio
     * of the peer's time to ours.
     */
    record Network(String key, String name, TrainingConfig config, List<String> peerArguments, double goal) {}

    private BenchmarkNetworks() {}

    static List<Network> all(int seedEpochs, int epochs, int trainLimit) {
        return List.of(
                new Network(
                        "seed",
                        "seed [784,30,10] sigmoid/quadratic/SGD 3.0, batch 10",
                        seedConfig(seedEpochs, trainLimit),
                        List.of(),
                        10),
                adam("modern", "modern [784,128,64,10]", List.of(784, 128, 64, 10), 64, epochs, trainLimit, 2.5),
                adam("adam10", "[784,100,10]", List.of(784, 100, 10), 10, epochs, trainLimit, 5),
                adam("wide", "[784,1024,1024,10]", List.of(784, 1024, 1024, 10), 128, epochs, trainLimit, 1.5),
                adam("deep", "[784,512,512,512,10]", List.of(784, 512, 512, 512, 10), 256, epochs, trainLimit, 1.5));
    }

    private static Network adam(
            String key, String name, List<Integer> sizes, int batch, int epochs, int trainLimit, double goal) {
        String peerSizes = String.join(",", sizes.stream().map(String::valueOf).toList());
        return new Network(
                key,
                name + " ReLU/softmax/CE/Adam" + (key.equals("modern") ? " 0.001" : "") + ", batch " + batch,
                adamConfig(sizes, batch, epochs, trainLimit),
                List.of(
                        "--sizes",
                        peerSizes,
                        "--act",
                        "relu",
                        "--loss",
                        "ce",
                        "--opt",
                        "adam",
                        "--lr",
                        "0.001",
                        "--batch",
                        Integer.toString(batch),
                        "--init",
                        "default"),
                goal);
    }

    static TrainingConfig seedConfig(int epochs, int trainLimit) {
        return TrainingConfig.seedNetwork(SEED).withEpochs(epochs).withTrainLimit(trainLimit);
    }

    static TrainingConfig adamConfig(List<Integer> sizes, int batch, int epochs, int trainLimit) {
        return TrainingConfig.builder(new Architecture(sizes, Activation.RELU, Activation.SOFTMAX, false))
                .initializer(Initializer.UNIFORM_FAN_IN) // as the peer starts (--init default)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8))
                .epochs(epochs)
                .batchSize(batch)
                .trainLimit(trainLimit)
                .seed(SEED)
                .build();
    }
}
