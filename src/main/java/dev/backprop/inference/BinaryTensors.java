package dev.backprop.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * The Open Inference Protocol's binary tensor data extension, as Triton and KServe define it: the body
 * is a JSON header of {@code Inference-Header-Content-Length} bytes followed by each binary tensor's
 * raw little-endian elements, in the order of the inputs that name their {@code binary_data_size}.
 * Answers put each output asked for as binary the same way after the JSON header.
 */
final class BinaryTensors {

    static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    static final String DATA_SIZE = "binary_data_size";
    static final String AS_BINARY = "binary_data";
    static final String ALL_OUTPUTS_AS_BINARY = "binary_data_output";

    private BinaryTensors() {}

    /** The JSON header's length, checked against the body it comes with. */
    static int headerLength(String declared, int bodyLength) {
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException notANumber) {
            throw InferenceException.badRequest(HEADER_LENGTH + ": '" + declared + "' is not a number of bytes");
        }
        if (length < 2 || length > bodyLength) {
            throw InferenceException.badRequest(HEADER_LENGTH + ": " + length
                    + " bytes of JSON header do not fit a body of " + bodyLength + " bytes");
        }
        return (int) length;
    }

    /**
     * The input's images from its binary data: UINT8 read in place as raw 0–255 pixels (no copy), FP32
     * as four little-endian bytes an element, checked to be 0–1 by {@code checkFp32}.
     */
    static InferenceInput.Batch batch(InferenceRequest.Input input, byte[] body, int offset, int count, int inputSize) {
        int elements = count * inputSize;
        long size = dataSize(input.parameters());
        boolean uint8 = InferenceInput.UINT8.equals(input.datatype());
        long expected = (long) elements * (uint8 ? 1 : Float.BYTES);
        if (size != expected) {
            throw InferenceException.badRequest("inputs[0].parameters." + DATA_SIZE + ": " + size + " bytes, but "
                    + elements + " " + input.datatype() + " elements take " + expected);
        }
        if (offset + size != body.length) {
            throw InferenceException.badRequest("the body holds " + (body.length - offset)
                    + " bytes after the JSON header, not the " + size + " that inputs[0]." + DATA_SIZE + " says");
        }
        if (uint8) {
            return InferenceInput.Batch.raw(body, offset, count);
        }
        float[] pixels = new float[elements];
        ByteBuffer.wrap(body, offset, (int) size)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(pixels);
        return InferenceInput.Batch.of(InferenceInput.checkFp32(pixels), count);
    }

    /** Whether the input's data comes after the JSON header. */
    static boolean isBinary(InferenceRequest.Input input) {
        return input.parameters() != null && input.parameters().containsKey(DATA_SIZE);
    }

    /** Whether an output is to be answered as binary data, by its own parameter or the request's. */
    static boolean wantsBinary(InferenceRequest request, InferenceRequest.RequestedOutput output) {
        Object own = output == null || output.parameters() == null
                ? null
                : output.parameters().get(AS_BINARY);
        if (own != null) {
            return Boolean.TRUE.equals(own);
        }
        return request.parameters() != null
                && Boolean.TRUE.equals(request.parameters().get(ALL_OUTPUTS_AS_BINARY));
    }

    /** Bytes of FP32 or INT64 elements. */
    static int size(Object values) {
        return values instanceof float[] floats ? floats.length * Float.BYTES : ((long[]) values).length * Long.BYTES;
    }

    /** FP32 or INT64 elements, little-endian, at the buffer's position. */
    static void put(ByteBuffer into, Object values) {
        if (values instanceof float[] floats) {
            into.asFloatBuffer().put(floats);
        } else {
            into.asLongBuffer().put((long[]) values);
        }
        into.position(into.position() + size(values));
    }

    private static long dataSize(Map<String, Object> parameters) {
        Object size = parameters.get(DATA_SIZE);
        if (!(size instanceof Number number) || number.longValue() < 0 || number.doubleValue() != number.longValue()) {
            throw InferenceException.badRequest(
                    "inputs[0].parameters." + DATA_SIZE + ": must be a whole number of bytes, not " + size);
        }
        return number.longValue();
    }
}
