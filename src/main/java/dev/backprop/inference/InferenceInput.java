package dev.backprop.inference;

import dev.backprop.engine.Classifier;
import dev.backprop.engine.ExampleSet;
import java.util.List;

/**
 * Checks a request's input tensor and turns it into the batch of images the classifier takes: pixels
 * scaled to [0, 1], image after image.
 */
final class InferenceInput {

    static final String NAME = "input";
    static final String FP32 = "FP32";
    static final String UINT8 = "UINT8";

    private InferenceInput() {}

    /**
     * {@code count} images: {@code pixels} holding each one's pixels scaled to [0, 1], or, for binary UINT8,
     * {@code raw} holding them as sent, 0–255 from {@code offset} (the classifier reads them in place).
     */
    record Batch(float[] pixels, byte[] raw, int offset, int count) {

        static Batch of(float[] pixels, int count) {
            return new Batch(pixels, null, 0, count);
        }

        static Batch raw(byte[] raw, int offset, int count) {
            return new Batch(null, raw, offset, count);
        }

        float[] probabilities(Classifier classifier) {
            return raw != null ? classifier.probabilities(raw, offset, count) : classifier.probabilities(pixels, count);
        }
    }

    static Batch read(InferenceRequest request, int inputSize, int maxBatch) {
        return read(request, inputSize, maxBatch, null, 0);
    }

    /**
     * The batch of a request whose input may carry its data after the JSON header, from {@code offset}
     * of {@code body} ({@link BinaryTensors}); {@code body} null for a plain JSON request.
     */
    static Batch read(InferenceRequest request, int inputSize, int maxBatch, byte[] body, int offset) {
        List<InferenceRequest.Input> inputs = request == null ? null : request.inputs();
        if (inputs == null || inputs.isEmpty()) {
            throw InferenceException.badRequest("inputs: give one input tensor, '" + NAME + "'");
        }
        if (inputs.size() > 1) {
            throw InferenceException.badRequest(
                    "inputs: the model has one input, '" + NAME + "', not " + inputs.size());
        }
        InferenceRequest.Input input = inputs.get(0);
        String datatype = input.datatype();
        if (!FP32.equals(datatype) && !UINT8.equals(datatype)) {
            throw InferenceException.badRequest("inputs[0].datatype: '" + datatype
                    + "' is not supported; send FP32 (pixels 0–1) or UINT8 (pixels 0–255)");
        }
        int count = batchSize(input.shape(), inputSize, maxBatch);
        if (body != null && BinaryTensors.isBinary(input)) {
            return BinaryTensors.batch(input, body, offset, count, inputSize);
        }
        if (input.data() == null) {
            throw InferenceException.badRequest("inputs[0].data: missing");
        }
        float[] values = input.data().values();
        if ((long) count * inputSize != values.length) {
            throw InferenceException.badRequest("inputs[0].data: has " + values.length
                    + (values.length == 1 ? " element" : " elements") + "; shape "
                    + input.shape() + " needs " + (long) count * inputSize);
        }
        return Batch.of(UINT8.equals(datatype) ? fromUint8(values) : checkFp32(values), count);
    }

    /** N from a shape [N, 784] or [N, 28, 28]. */
    private static int batchSize(List<Long> shape, int inputSize, int maxBatch) {
        int side = (int) Math.round(Math.sqrt(inputSize));
        String expected =
                "[N, " + inputSize + "]" + (side * side == inputSize ? " or [N, " + side + ", " + side + "]" : "");
        boolean flat =
                shape != null && shape.size() == 2 && Long.valueOf(inputSize).equals(shape.get(1));
        boolean square = shape != null
                && shape.size() == 3
                && side * side == inputSize
                && Long.valueOf(side).equals(shape.get(1))
                && Long.valueOf(side).equals(shape.get(2));
        if (!flat && !square) {
            throw InferenceException.badRequest("inputs[0].shape: expected " + expected + ", not " + shape);
        }
        Long count = shape.get(0);
        if (count == null || count < 1 || count > maxBatch) {
            throw InferenceException.badRequest("inputs[0].shape: N must be between 1 and " + maxBatch
                    + " (backprop.prediction.max-batch-size), not " + count);
        }
        return count.intValue();
    }

    private static float[] fromUint8(float[] values) {
        float[] scaled = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            float value = values[i];
            if (!(value >= 0 && value <= 255) || value != Math.rint(value)) {
                throw InferenceException.badRequest(
                        "inputs[0].data[" + i + "]: " + value + " is not a UINT8 (a whole number 0–255)");
            }
            scaled[i] = value * ExampleSet.PIXEL_SCALE;
        }
        return scaled;
    }

    static float[] checkFp32(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw InferenceException.badRequest("inputs[0].data[" + i + "]: " + values[i]
                        + " is outside 0–1; FP32 pixels are scaled 0–1 (send UINT8 for 0–255)");
            }
        }
        return values;
    }
}
