package dev.backprop.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A trainable fully connected network: its {@link Architecture} and one {@link DenseLayer} per pair of
 * adjacent sizes. Only one trainer may use it at a time; predictions go through {@link #freeze()}.
 */
public final class Network {

    private final Architecture architecture;
    private final List<DenseLayer> layers;

    Network(Architecture architecture, List<DenseLayer> layers) {
        this.architecture = architecture;
        this.layers = List.copyOf(layers);
    }

    /** A new network whose weights and biases are drawn by {@code initializer} from {@code random}. */
    public static Network create(Architecture architecture, Initializer initializer, Random random) {
        List<DenseLayer> layers = blank(architecture);
        for (DenseLayer layer : layers) {
            initializer.initialize(layer.weights.data, layer.biases.data, layer.inputs(), layer.units(), random);
            if (layer.batchNormalised()) {
                java.util.Arrays.fill(layer.biases.data, 0f);
            }
        }
        return new Network(architecture, layers);
    }

    /** A network of the given shape with every parameter zero, for a reader to fill. */
    static Network zeros(Architecture architecture) {
        return new Network(architecture, blank(architecture));
    }

    private static List<DenseLayer> blank(Architecture architecture) {
        List<Integer> sizes = architecture.sizes();
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < architecture.depth(); l++) {
            boolean output = l == architecture.depth() - 1;
            layers.add(new DenseLayer(
                    sizes.get(l),
                    sizes.get(l + 1),
                    output ? architecture.outputActivation() : architecture.hiddenActivation(),
                    architecture.batchNorm() && !output));
        }
        return layers;
    }

    public Architecture architecture() {
        return architecture;
    }

    public List<DenseLayer> layers() {
        return layers;
    }

    public long parameterCount() {
        return architecture.parameterCount();
    }

    /** A deep copy, for keeping the best epoch's weights while training goes on. */
    public Network copy() {
        return new Network(architecture, layers.stream().map(DenseLayer::copy).toList());
    }

    /** An immutable copy for prediction, safe to share between threads. */
    public Classifier freeze() {
        return Classifier.of(this);
    }
}
