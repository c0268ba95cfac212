package dev.backprop.engine;

import java.util.List;

/**
 * The shape of a fully connected network: layer sizes from input to output, the function after each
 * hidden layer and after the output layer, and whether hidden layers batch-normalise.
 */
public record Architecture(
        List<Integer> sizes, Activation hiddenActivation, Activation outputActivation, boolean batchNorm) {

    public Architecture {
        sizes = List.copyOf(sizes);
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output layer");
        }
        for (int size : sizes) {
            if (size <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive: " + sizes);
            }
        }
        if (!hiddenActivation.allowedInHiddenLayers()) {
            throw new IllegalArgumentException(hiddenActivation + " cannot follow a hidden layer");
        }
        if (!outputActivation.allowedInOutputLayer()) {
            throw new IllegalArgumentException(outputActivation + " cannot follow the output layer");
        }
    }

    /** The seed network's shape: {@code [784, 30, 10]}, sigmoid everywhere. */
    public static Architecture of(int... sizes) {
        return new Architecture(
                java.util.Arrays.stream(sizes).boxed().toList(), Activation.SIGMOID, Activation.SIGMOID, false);
    }

    public int inputSize() {
        return sizes.get(0);
    }

    public int outputSize() {
        return sizes.get(sizes.size() - 1);
    }

    /** Number of weight layers (sizes − 1). */
    public int depth() {
        return sizes.size() - 1;
    }

    /** Trainable parameters: every weight and bias, with γ and β replacing the bias where batch norm is on. */
    public long parameterCount() {
        long count = 0;
        for (int l = 0; l < depth(); l++) {
            long inputs = sizes.get(l);
            long units = sizes.get(l + 1);
            boolean normalised = batchNorm && l < depth() - 1;
            count += inputs * units + (normalised ? 2 * units : units);
        }
        return count;
    }

    /** Throws unless examples of {@code set} fit this network: as many pixels as inputs, classes as outputs. */
    void checkFits(ExampleSet set) {
        if (set.features() != inputSize()) {
            throw new IllegalArgumentException(
                    "the network takes " + inputSize() + " inputs but the images have " + set.features() + " pixels");
        }
        if (set.classes() != outputSize()) {
            throw new IllegalArgumentException(
                    "the network has " + outputSize() + " outputs but the data has " + set.classes() + " classes");
        }
    }
}
