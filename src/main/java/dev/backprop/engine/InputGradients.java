package dev.backprop.engine;

import dev.backprop.engine.kernels.Block;
import dev.backprop.engine.kernels.DenseProducts;
import dev.backprop.engine.kernels.Loops;

/**
 * Backpropagation carried one layer further, down to the pixels: {@code ∂C/∂x = W¹ᵀ·δ¹} for any {@code C}
 * whose {@code ∂C/∂zᴸ} the caller gives. The forward pass is {@link ForwardPass} on {@link Classifier}'s
 * frozen layers (batch norm folded into the weights, no dropout), every layer's {@code z} and {@code a}
 * kept; the backward pass is training's: each layer's {@link DenseLayer#backward} and the
 * {@link DenseProducts#sendDown} product {@code Wᵀ·δ}, the latter once more for the first layer.
 * Immutable apart from the passes it hands out, so any number of threads may use it at once.
 */
final class InputGradients {

    private static final DenseProducts PRODUCTS = DenseProducts.OWN;

    private final DenseLayer[] layers;
    /** Each layer's Wᵀ, which the own kernels' {@code sendDown} reads. */
    private final float[][] transposed;

    InputGradients(Classifier classifier) {
        this.layers = classifier.frozenLayers();
        this.transposed = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            DenseLayer layer = layers[l];
            transposed[l] = new float[layer.units() * layer.inputs()];
            Loops.transpose(layer.weights.data, layer.units(), layer.inputs(), transposed[l]);
        }
    }

    DenseLayer[] layers() {
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
        private final LayerBuffers[] buffers;

        private Pass(float[] inputs, int count) {
            if (inputs.length < (long) count * inputs()) {
                throw new IllegalArgumentException("expected " + count + " × " + inputs() + " inputs");
            }
            this.count = count;
            buffers = new LayerBuffers[layers.length];
            for (int l = 0; l < layers.length; l++) {
                buffers[l] = new LayerBuffers(layers[l], count, 0f, true);
            }
            ForwardPass.FirstProduct first =
                    (layer, linear) -> PRODUCTS.forward(layer.forwardWeights(), Block.of(inputs, count), linear);
            ForwardPass.run(layers, layers.length, buffers, PRODUCTS, first, count, null);
        }

        /** The output layer's {@code z}, {@code [classes × count]}. */
        float[] outputZ() {
            return buffers[layers.length - 1].linear;
        }

        /** The output layer's {@code a = f(z)}. */
        float[] outputA() {
            return buffers[layers.length - 1].act;
        }

        /**
         * {@code ∂C/∂x} into {@code gradients} ({@code [inputs × count]}, one example after another) from
         * {@code δᴸ = ∂C/∂zᴸ} in {@code outputError}.
         */
        void backward(float[] outputError, float[] gradients) {
            float[] delta = outputError;
            for (int l = layers.length - 1; l >= 0; l--) {
                float[] below = l == 0 ? gradients : buffers[l - 1].delta;
                PRODUCTS.sendDown(layers[l].forwardWeights(), transposed[l], delta, below, count);
                if (l > 0) {
                    layers[l - 1].backward(buffers[l - 1], count);
                }
                delta = below;
            }
        }
    }
}
