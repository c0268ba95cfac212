package dev.backprop.engine;

import dev.backprop.engine.kernels.Block;
import dev.backprop.engine.kernels.DenseProducts;
import dev.backprop.engine.kernels.Loops;

/**
 * Backpropagation carried one layer further, down to the pixels: {@code ∂C/∂x = W¹ᵀ·δ¹} for any {@code C}
 * whose {@code ∂C/∂zᴸ} the caller gives. The forward pass is {@link Classifier}'s (the frozen layers,
 * batch norm folded into the weights, no dropout) keeping every layer's {@code z} and {@code a}; the
 * backward pass is training's ({@link BatchPart}): each layer's {@link Activation#backward} and the
 * {@link DenseProducts#sendDown} product {@code Wᵀ·δ}, the latter once more for the first layer.
 * Immutable apart from the passes it hands out, so any number of threads may use it at once.
 */
final class InputGradients {

    private static final DenseProducts PRODUCTS = DenseProducts.OWN;

    private final Classifier.Layer[] layers;
    /** Each layer's Wᵀ, which the own kernels' {@code sendDown} reads. */
    private final float[][] transposed;

    InputGradients(Classifier classifier) {
        this.layers = classifier.frozenLayers();
        this.transposed = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            Classifier.Layer layer = layers[l];
            transposed[l] = new float[layer.units() * layer.inputs()];
            Loops.transpose(layer.weights(), layer.units(), layer.inputs(), transposed[l]);
        }
    }

    Classifier.Layer[] layers() {
        return layers;
    }

    int inputs() {
        return layers[0].inputs();
    }

    int outputs() {
        return layers[layers.length - 1].units();
    }

    Activation outputActivation() {
        return layers[layers.length - 1].activation();
    }

    /** The forward pass of {@code count} inputs laid out one after another, every layer's z and a kept. */
    Pass forward(float[] inputs, int count) {
        return new Pass(inputs, count);
    }

    /** One batch's forward pass, ready to send an output error down to the pixels. */
    final class Pass {
        final int count;
        private final float[][] z;
        private final float[][] a;

        private Pass(float[] inputs, int count) {
            if (inputs.length < (long) count * inputs()) {
                throw new IllegalArgumentException("expected " + count + " × " + inputs() + " inputs");
            }
            this.count = count;
            z = new float[layers.length][];
            a = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                Classifier.Layer layer = layers[l];
                z[l] = new float[layer.units() * count];
                a[l] = new float[layer.units() * count];
                PRODUCTS.forward(layer.forwardWeights(), Block.of(l == 0 ? inputs : a[l - 1], count), z[l]);
                layer.activation().forward(z[l], a[l], layer.units(), count);
            }
        }

        /** The output layer's {@code z}, {@code [classes × count]}. */
        float[] outputZ() {
            return z[layers.length - 1];
        }

        /** The output layer's {@code a = f(z)}. */
        float[] outputA() {
            return a[layers.length - 1];
        }

        /**
         * {@code ∂C/∂x} into {@code gradients} ({@code [inputs × count]}, one example after another) from
         * {@code δᴸ = ∂C/∂zᴸ} in {@code outputError}, which the pass overwrites.
         */
        void backward(float[] outputError, float[] gradients) {
            float[] delta = outputError;
            for (int l = layers.length - 1; l >= 0; l--) {
                Classifier.Layer layer = layers[l];
                float[] below = l == 0 ? gradients : new float[layer.inputs() * count];
                PRODUCTS.sendDown(layer.forwardWeights(), transposed[l], delta, below, count);
                if (l > 0) {
                    Classifier.Layer under = layers[l - 1];
                    under.activation().backward(z[l - 1], a[l - 1], below, below, under.units(), count);
                }
                delta = below;
            }
        }
    }
}
