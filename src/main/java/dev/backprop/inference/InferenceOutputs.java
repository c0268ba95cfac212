package dev.backprop.inference;

import dev.backprop.engine.Classifier;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The output tensors a request asks for, from one batch through one model, as JSON or binary data. */
final class InferenceOutputs {

    static final String PROBABILITIES = "probabilities";
    static final String LABEL = "label";

    private final List<InferenceResponse.Output> json = new ArrayList<>();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    private InferenceOutputs() {}

    /**
     * Classifies the batch and lays out each output asked for: in the JSON, or, where the request asks
     * for binary data ({@code binary} true), after it with its size in the output's parameters.
     */
    static InferenceOutputs of(
            InferenceRequest request, Classifier classifier, InferenceInput.Batch batch, boolean binaryAllowed) {
        List<InferenceRequest.RequestedOutput> wanted = requested(request);
        int classes = classifier.classes();
        float[] probabilities = classifier.probabilities(batch.pixels(), batch.count());
        InferenceOutputs outputs = new InferenceOutputs();
        for (InferenceRequest.RequestedOutput output : wanted) {
            boolean asBinary = binaryAllowed && BinaryTensors.wantsBinary(request, output);
            if (output.name().equals(PROBABILITIES)) {
                long[] shape = {batch.count(), classes};
                outputs.add(
                        PROBABILITIES,
                        shape,
                        "FP32",
                        probabilities,
                        asBinary ? BinaryTensors.bytes(probabilities) : null);
            } else {
                long[] labels = new long[batch.count()];
                for (int k = 0; k < batch.count(); k++) {
                    float[] one = Arrays.copyOfRange(probabilities, k * classes, (k + 1) * classes);
                    labels[k] = Classifier.Prediction.of(one).label();
                }
                outputs.add(
                        LABEL,
                        new long[] {batch.count()},
                        "INT64",
                        labels,
                        asBinary ? BinaryTensors.bytes(labels) : null);
            }
        }
        return outputs;
    }

    private void add(String name, long[] shape, String datatype, Object data, byte[] asBinary) {
        if (asBinary == null) {
            json.add(new InferenceResponse.Output(name, shape, datatype, data));
        } else {
            json.add(new InferenceResponse.Output(
                    name, shape, datatype, null, Map.of(BinaryTensors.DATA_SIZE, asBinary.length)));
            binary.writeBytes(asBinary);
        }
    }

    List<InferenceResponse.Output> json() {
        return json;
    }

    /** The binary outputs' bytes, in the order of the outputs; empty when none was asked for as binary. */
    byte[] binary() {
        return binary.toByteArray();
    }

    /** The outputs asked for, every one when the request names none; an unknown name is a 400. */
    private static List<InferenceRequest.RequestedOutput> requested(InferenceRequest request) {
        if (request == null || request.outputs() == null || request.outputs().isEmpty()) {
            return List.of(
                    new InferenceRequest.RequestedOutput(PROBABILITIES, null),
                    new InferenceRequest.RequestedOutput(LABEL, null));
        }
        for (int k = 0; k < request.outputs().size(); k++) {
            InferenceRequest.RequestedOutput output = request.outputs().get(k);
            String name = output == null ? null : output.name();
            if (!PROBABILITIES.equals(name) && !LABEL.equals(name)) {
                throw InferenceException.badRequest("outputs[" + k + "].name: '" + name
                        + "' is not an output of this model; it has '" + PROBABILITIES + "' and '" + LABEL + "'");
            }
        }
        return request.outputs();
    }
}
