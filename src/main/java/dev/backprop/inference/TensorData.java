package dev.backprop.inference;

import dev.backprop.model.PixelLimits;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A tensor's elements in row-major order, read from JSON given flat ({@code [1, 2, 3, 4]}) or nested
 * ({@code [[1, 2], [3, 4]]}) as the protocol allows. Read straight into a float array: ten thousand
 * images are 7.8 million numbers, far too many to hold as a tree of JSON nodes first.
 */
@JsonDeserialize(using = TensorData.Reader.class)
@ArraySchema(
        schema = @Schema(type = "number"),
        arraySchema = @Schema(description = "The tensor's elements, row-major, flat or nested"))
record TensorData(float[] values) {

    /** Thrown for an element that is not a number; Jackson adds where in the body it was. */
    static final class NotANumber extends RuntimeException {
        NotANumber(String message) {
            super(message);
        }
    }

    static final class Reader extends ValueDeserializer<TensorData> {

        @Override
        public TensorData deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new NotANumber("must be an array of numbers, flat or nested");
            }
            float[] values = new float[1024];
            int count = 0;
            int depth = 0;
            JsonToken token = parser.currentToken();
            while (true) {
                if (token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    if (count == values.length) {
                        if (count >= PixelLimits.maxValues()) {
                            throw new NotANumber(
                                    "holds more than " + PixelLimits.maxValues() + " numbers, the pixels of "
                                            + PixelLimits.maxImages() + " images (backprop.prediction.max-batch-size)");
                        }
                        values = Arrays.copyOf(values, (int) Math.min(count * 2L, PixelLimits.maxValues()));
                    }
                    values[count++] = (float) parser.getDoubleValue();
                } else {
                    throw new NotANumber(
                            "element " + count + " is " + describe(token) + "; every element must be a number");
                }
                if (depth == 0) {
                    return new TensorData(Arrays.copyOf(values, count));
                }
                token = parser.nextToken();
            }
        }

        private static String describe(JsonToken token) {
            if (token == null) {
                return "missing (the array is not closed)";
            }
            return switch (token) {
                case VALUE_STRING -> "a string";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                default -> "not a number";
            };
        }
    }
}
