package dev.backprop.model;

import dev.backprop.api.InputLimitException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an array of pixel arrays ({@code image}'s rows, {@code images} of a batch), each by
 * {@link PixelArrayDeserializer}, refusing at the first array past the limit so that a body of
 * millions of small arrays is never held.
 */
abstract class PixelRowsDeserializer extends ValueDeserializer<double[][]> {

    private final PixelArrayDeserializer row = new PixelArrayDeserializer();

    abstract int limit();

    abstract String what();

    @Override
    public double[][] deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.isExpectedStartArrayToken()) {
            return context.reportInputMismatch(double[][].class, "expected an array of arrays of numbers");
        }
        List<double[]> rows = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (rows.size() == limit()) {
                throw JacksonException.wrapWithPath(
                        new InputLimitException(parser, "expected at most " + limit() + " " + what() + ", got more"),
                        rows,
                        rows.size());
            }
            if (token == JsonToken.VALUE_NULL) {
                rows.add(null);
                continue;
            }
            try {
                rows.add(row.deserialize(parser, context));
            } catch (JacksonException e) {
                throw JacksonException.wrapWithPath(e, rows, rows.size());
            }
        }
        return rows.toArray(double[][]::new);
    }

    /** The 28 rows of one image. */
    static final class ImageRows extends PixelRowsDeserializer {
        @Override
        int limit() {
            return 28;
        }

        @Override
        String what() {
            return "rows";
        }
    }

    /** The images of a batch, at most {@code backprop.prediction.max-batch-size}. */
    static final class BatchImages extends PixelRowsDeserializer {
        @Override
        int limit() {
            return PixelLimits.maxImages();
        }

        @Override
        String what() {
            return "images (backprop.prediction.max-batch-size)";
        }
    }
}
