package dev.backprop.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.backprop.engine.Activation;
import dev.backprop.engine.ExampleSet;
import dev.backprop.engine.LayerParameters;
import dev.backprop.engine.Network;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A network as an ONNX model (opset 17) that computes what {@code /predict} answers: input {@code pixels}
 * {@code [N, 784]} on the 0–255 scale, scaled inside the graph; a {@code Gemm} per layer with batch
 * norm folded into it as the service's own classifier folds it; the layer's activation; outputs
 * {@code probabilities} {@code [N, classes]} (softmax outputs as they are, sigmoid outputs divided by
 * their sum in a form that cannot divide 0 by 0, identity outputs through a softmax) and {@code label} {@code [N]}.
 */
final class OnnxExport {

    static final int OPSET = 17;
    /** ONNX IR version 8 is the one that goes with opset 17. */
    private static final long IR_VERSION = 8;

    private OnnxExport() {}

    static byte[] write(Network network, String graphName, String description) {
        List<LayerParameters> layers = LayerParameters.of(network);
        int inputs = layers.get(0).inputs();
        int classes = layers.get(layers.size() - 1).units();
        GraphProto.Builder graph = GraphProto.newBuilder().setName(graphName);
        graph.addInput(tensor("pixels", TensorProto.DataType.FLOAT, inputs));
        graph.addInitializer(floats("pixel_scale", new float[] {ExampleSet.PIXEL_SCALE}));
        graph.addNode(node("Mul", "scale", List.of("pixels", "pixel_scale"), "a0"));
        String a = "a0";
        for (int l = 0; l < layers.size(); l++) {
            LayerParameters layer = layers.get(l);
            String w = "W" + (l + 1);
            String b = "b" + (l + 1);
            String z = "z" + (l + 1);
            Folded folded = Folded.of(layer);
            graph.addInitializer(floats(w, folded.weights(), layer.units(), layer.inputs()));
            graph.addInitializer(floats(b, folded.biases(), layer.units()));
            graph.addNode(node("Gemm", "dense" + (l + 1), List.of(a, w, b), z).toBuilder()
                    .addAttribute(intAttribute("transB", 1)));
            a = activate(graph, layer.activation(), z, "a" + (l + 1));
        }
        Activation output = layers.get(layers.size() - 1).activation();
        probabilities(graph, output, "z" + layers.size(), a);
        graph.addNode(node("ArgMax", "label", List.of("probabilities"), "label").toBuilder()
                .addAttribute(intAttribute("axis", 1))
                .addAttribute(intAttribute("keepdims", 0)));
        graph.addOutput(tensor("probabilities", TensorProto.DataType.FLOAT, classes));
        graph.addOutput(tensorOfN("label", TensorProto.DataType.INT64));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("Backprop")
                .setDocString(description)
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    /** Adds the node of {@code activation} after {@code z}; identity adds none. */
    private static String activate(GraphProto.Builder graph, Activation activation, String z, String a) {
        String op = switch (activation) {
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
            case RELU -> "Relu";
            case SOFTPLUS -> "Softplus";
            case SOFTMAX -> "Softmax";
            case IDENTITY -> null;
        };
        if (op == null) {
            return z;
        }
        NodeProto.Builder node = node(op, op.toLowerCase() + "_" + a, List.of(z), a).toBuilder();
        if (activation == Activation.SOFTMAX) {
            node.addAttribute(intAttribute("axis", 1));
        }
        graph.addNode(node);
        return a;
    }

    /** The service's probabilities from the output layer's pre-activations {@code z} and activations {@code a}. */
    private static void probabilities(GraphProto.Builder graph, Activation output, String z, String a) {
        switch (output) {
            case SOFTMAX -> graph.addNode(node("Identity", "probabilities", List.of(a), "probabilities"));
            case SIGMOID -> {
                // σᵢ/Σσ as Softmax(−Softplus(−z)) = Softmax(log σ(z)), as the service computes it: finite
                // where every σ underflows, where Sigmoid → ReduceSum → Div would give 0/0.
                graph.addNode(node("Neg", "negate_logits", List.of(z), "minus_z"));
                graph.addNode(node("Softplus", "softplus_of_minus_z", List.of("minus_z"), "softplus_minus_z"));
                graph.addNode(node("Neg", "log_sigmoid", List.of("softplus_minus_z"), "log_sigmoid"));
                graph.addNode(node("Softmax", "probabilities", List.of("log_sigmoid"), "probabilities").toBuilder()
                        .addAttribute(intAttribute("axis", 1)));
            }
            default ->
                graph.addNode(node("Softmax", "probabilities", List.of(a), "probabilities").toBuilder()
                        .addAttribute(intAttribute("axis", 1)));
        }
    }

    /** Weights and biases with batch normalisation folded in: {@code W' = sW}, {@code b' = β + s(b − μ)}. */
    private record Folded(float[] weights, float[] biases) {
        static Folded of(LayerParameters layer) {
            LayerParameters.Norm norm = layer.batchNorm();
            if (norm == null) {
                return new Folded(layer.weights(), layer.biases());
            }
            float[] weights = layer.weights().clone();
            float[] biases = new float[layer.units()];
            for (int j = 0; j < layer.units(); j++) {
                float scale = norm.gamma()[j] / (float) Math.sqrt(norm.variance()[j] + norm.epsilon());
                biases[j] = norm.beta()[j] + scale * (layer.biases()[j] - norm.mean()[j]);
                for (int i = 0; i < layer.inputs(); i++) {
                    weights[j * layer.inputs() + i] *= scale;
                }
            }
            return new Folded(weights, biases);
        }
    }

    private static NodeProto node(String op, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder()
                .setOpType(op)
                .setName(name)
                .addAllInput(inputs)
                .addOutput(output)
                .build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    /** A {@code [N, width]} tensor of a graph's input or output, N left free. */
    private static ValueInfoProto tensor(String name, TensorProto.DataType type, int width) {
        return value(
                name,
                type,
                TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)));
    }

    private static ValueInfoProto tensorOfN(String name, TensorProto.DataType type) {
        return value(
                name,
                type,
                TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N")));
    }

    private static ValueInfoProto value(String name, TensorProto.DataType type, TensorShapeProto.Builder shape) {
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(type.getNumber())
                                .setShape(shape)))
                .build();
    }
}
