package dev.backprop.model;

import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an array of pixel numbers strictly: Jackson's own {@code double[]} reader would take a string
 * as Base64 and fail with a misleading "end of input"; here anything but an array of numbers is an
 * error that names the element at fault ({@code pixels[3]: expected a number}).
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
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = parser.getDoubleValue();
        }
        return count == values.length ? values : Arrays.copyOf(values, count);
    }
}
