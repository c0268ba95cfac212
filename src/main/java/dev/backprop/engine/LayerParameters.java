package dev.backprop.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer's parameters as plain arrays, for formats other than the engine's own: what the layer
 * computes is {@code a = f(W·x + b)}, with batch normalisation between the product and {@code f}
 * where {@link #batchNorm()} is present.
 *
 * @param weights the {@code units × inputs} matrix in row-major order ({@code weights[j·inputs + i]} is
 *     the weight from input {@code i} to unit {@code j}), as ONNX and NumPy lay matrices out
 * @param biases one per unit
 * @param batchNorm γ, β and the running statistics, or null
 */
public record LayerParameters(
        int inputs, int units, Activation activation, float[] weights, float[] biases, Norm batchNorm) {

    /** Batch normalisation's parameters for one layer: {@code γ(z − mean)/√(variance + ε) + β}. */
    public record Norm(float[] gamma, float[] beta, float[] mean, float[] variance, float epsilon) {}

    /** Copies every layer of {@code network}, input to output. */
    public static List<LayerParameters> of(Network network) {
        List<LayerParameters> all = new ArrayList<>();
        for (DenseLayer layer : network.layers()) {
            int units = layer.units();
            int inputs = layer.inputs();
            float[] columnMajor = layer.weights.data;
            float[] rowMajor = new float[units * inputs];
            for (int i = 0; i < inputs; i++) {
                for (int j = 0; j < units; j++) {
                    rowMajor[j * inputs + i] = columnMajor[i * units + j];
                }
            }
            BatchNorm norm = layer.batchNorm;
            Norm copy = norm == null
                    ? null
                    : new Norm(
                            norm.gamma.data.clone(),
                            norm.beta.data.clone(),
                            norm.runningMean.data.clone(),
                            norm.runningVariance.data.clone(),
                            BatchNorm.EPSILON);
            all.add(new LayerParameters(inputs, units, layer.activation(), rowMajor, layer.biases.data.clone(), copy));
        }
        return all;
    }

    /**
     * A network of {@code architecture} holding the given weights and biases (row-major, as {@link
     * #weights()}); layers without batch norm only.
     */
    public static Network network(Architecture architecture, List<float[]> weights, List<float[]> biases) {
        if (architecture.batchNorm()) {
            throw new IllegalArgumentException("batch-normalised networks cannot be built from weights alone");
        }
        Network network = Network.zeros(architecture);
        List<DenseLayer> layers = network.layers();
        if (weights.size() != layers.size() || biases.size() != layers.size()) {
            throw new IllegalArgumentException("expected " + layers.size() + " weight matrices and bias vectors");
        }
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            int units = layer.units();
            int inputs = layer.inputs();
            float[] rowMajor = weights.get(l);
            float[] bias = biases.get(l);
            if (rowMajor.length != units * inputs || bias.length != units) {
                throw new IllegalArgumentException(
                        "layer " + (l + 1) + " needs " + units + "×" + inputs + " weights and " + units + " biases");
            }
            for (int j = 0; j < units; j++) {
                for (int i = 0; i < inputs; i++) {
                    layer.weights.data[i * units + j] = rowMajor[j * inputs + i];
                }
            }
            System.arraycopy(bias, 0, layer.biases.data, 0, units);
        }
        return network;
    }
}
