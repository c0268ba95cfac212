package dev.backprop.model;

import dev.backprop.api.InputLimitException;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an array of pixel numbers strictly: Jackson's own {@code double[]} reader would take a string
 * as Base64 and fail with a misleading "end of input"; here anything but an array of numbers is an
 * error that names the element at fault ({@code pixels[3]: expected a number}). More than 784 numbers
 * are refused at the 785th, before they are held.
 */
class PixelArrayDeserializer extends ValueDeserializer<double[]> {

    @Override
    public double[] deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.isExpectedStartArrayToken()) {
            return context.reportInputMismatch(double[].class, "expected an array of numbers");
        }
        double[] values = new double[784];
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                try {
                    context.reportInputMismatch(double.class, "expected a number");
                } catch (JacksonException e) {
                    throw JacksonException.wrapWithPath(e, values, count);
                }
            }
            if (count == PixelLimits.IMAGE_PIXELS) {
                // Counted while parsing: the rest of an oversized array is never held.
                throw JacksonException.wrapWithPath(
                        new InputLimitException(
                                parser, "expected " + PixelLimits.IMAGE_PIXELS + " numbers (28×28), got more"),
                        values,
                        count);
            }
            values[count++] = parser.getDoubleValue();
        }
        return count == values.length ? values : Arrays.copyOf(values, count);
    }
}
