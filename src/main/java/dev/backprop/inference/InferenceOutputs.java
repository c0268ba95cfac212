package dev.backprop.inference;

import dev.backprop.engine.Classifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The output tensors a request asks for, from one batch through one model, as JSON or binary data. */
final class InferenceOutputs {

    static final String PROBABILITIES = "probabilities";
    static final String LABEL = "label";

    private final List<InferenceResponse.Output> json = new ArrayList<>();
    /** The outputs asked for as binary, in order: float[] or long[], encoded only into the answer itself. */
    private final List<Object> binary = new ArrayList<>();

    private int binaryBytes;

    private InferenceOutputs() {}

    /**
     * Classifies the batch and lays out each output asked for: in the JSON, or, where the request asks
     * for binary data ({@code binary} true), after it with its size in the output's parameters.
     */
    static InferenceOutputs of(
            InferenceRequest request, Classifier classifier, InferenceInput.Batch batch, boolean binaryAllowed) {
        List<InferenceRequest.RequestedOutput> wanted = requested(request);
        int classes = classifier.classes();
        float[] probabilities = batch.probabilities(classifier);
        InferenceOutputs outputs = new InferenceOutputs();
        for (InferenceRequest.RequestedOutput output : wanted) {
            boolean asBinary = binaryAllowed && BinaryTensors.wantsBinary(request, output);
            if (output.name().equals(PROBABILITIES)) {
                long[] shape = {batch.count(), classes};
                outputs.add(PROBABILITIES, shape, "FP32", probabilities, asBinary);
            } else {
                outputs.add(LABEL, new long[] {batch.count()}, "INT64", labels(probabilities, classes), asBinary);
            }
        }
        return outputs;
    }

    /** Each image's most probable class, the first of equals (as {@link Classifier.Prediction} picks). */
    private static long[] labels(float[] probabilities, int classes) {
        long[] labels = new long[probabilities.length / classes];
        for (int k = 0; k < labels.length; k++) {
            int offset = k * classes;
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (probabilities[offset + j] > probabilities[offset + best]) {
                    best = j;
                }
            }
            labels[k] = best;
        }
        return labels;
    }

    private void add(String name, long[] shape, String datatype, Object data, boolean asBinary) {
        if (!asBinary) {
            json.add(new InferenceResponse.Output(name, shape, datatype, data));
        } else {
            int size = BinaryTensors.size(data);
            json.add(new InferenceResponse.Output(name, shape, datatype, null, Map.of(BinaryTensors.DATA_SIZE, size)));
            binary.add(data);
            binaryBytes += size;
        }
    }

    List<InferenceResponse.Output> json() {
        return json;
    }

    /** Whether any output was asked for as binary data. */
    boolean hasBinary() {
        return !binary.isEmpty();
    }

    /** The answer's body: {@code header}, then the binary outputs' elements, encoded once in place. */
    byte[] withBinaryAfter(byte[] header) {
        byte[] answer = Arrays.copyOf(header, header.length + binaryBytes);
        ByteBuffer into = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN).position(header.length);
        for (Object values : binary) {
            BinaryTensors.put(into, values);
        }
        return answer;
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
