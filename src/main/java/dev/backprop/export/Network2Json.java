package dev.backprop.export;

import dev.backprop.engine.Activation;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.LayerParameters;
import dev.backprop.engine.Network;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON that Nielsen's {@code network2.py} {@code save} writes and {@code load} reads: {@code sizes},
 * {@code weights} (per layer {@code sizes[l+1]} rows of {@code sizes[l]}), {@code biases} (per layer a
 * column, {@code [[b0], [b1], …]}) and {@code cost}. network2.py has no activation field: every layer
 * is a sigmoid, so only such networks, without batch norm, can be written.
 * {@link Network2Reader} reads it back.
 */
final class Network2Json {

    static final String QUADRATIC = "QuadraticCost";
    static final String CROSS_ENTROPY = "CrossEntropyCost";

    /** A network read from network2.py's JSON, with the cost it was trained with. */
    record Read(Network network, String cost) {}

    private Network2Json() {}

    /** Why {@code architecture} has no network2.py form, or null when it has one. */
    static String unsupported(Architecture architecture) {
        List<String> reasons = new ArrayList<>();
        if (architecture.hiddenActivation() != Activation.SIGMOID && architecture.depth() > 1) {
            reasons.add("its hidden layers use " + name(architecture.hiddenActivation()));
        }
        if (architecture.outputActivation() != Activation.SIGMOID) {
            reasons.add("its output layer uses " + name(architecture.outputActivation()));
        }
        if (architecture.batchNorm()) {
            reasons.add("it uses batch normalisation");
        }
        return reasons.isEmpty()
                ? null
                : "network2.py computes sigmoid layers only, without batch normalisation, but "
                        + String.join(" and ", reasons);
    }

    static byte[] write(JsonMapper json, Network network, String cost) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = json.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeName("sizes");
            out.writeStartArray();
            for (int size : network.architecture().sizes()) {
                out.writeNumber(size);
            }
            out.writeEndArray();
            List<LayerParameters> layers = LayerParameters.of(network);
            out.writeName("weights");
            out.writeStartArray();
            for (LayerParameters layer : layers) {
                out.writeStartArray();
                for (int j = 0; j < layer.units(); j++) {
                    out.writeStartArray();
                    for (int i = 0; i < layer.inputs(); i++) {
                        out.writeNumber(layer.weights()[j * layer.inputs() + i]);
                    }
                    out.writeEndArray();
                }
                out.writeEndArray();
            }
            out.writeEndArray();
            out.writeName("biases");
            out.writeStartArray();
            for (LayerParameters layer : layers) {
                out.writeStartArray();
                for (float bias : layer.biases()) {
                    out.writeStartArray();
                    out.writeNumber(bias);
                    out.writeEndArray();
                }
                out.writeEndArray();
            }
            out.writeEndArray();
            out.writeName("cost");
            out.writeString(cost);
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static String name(Activation activation) {
        return activation.name().toLowerCase();
    }
}
