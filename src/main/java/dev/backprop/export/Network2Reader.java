package dev.backprop.export;

import dev.backprop.engine.Activation;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.LayerParameters;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON of network2.py's {@code save} ({@link Network2Json}) into a network. It streams the
 * numbers straight into float arrays and stops at the first one past the limit, so a huge file costs no
 * more memory than the network it declares, and it names what is wrong with a broken one.
 */
final class Network2Reader {

    private Network2Reader() {}

    /**
     * Reads network2.py's JSON for a network of {@code inputs} inputs and {@code classes} outputs and at
     * most {@code maxParameters} weights and biases.
     */
    static Network2Json.Read read(JsonMapper json, InputStream in, int inputs, int classes, long maxParameters)
            throws InvalidModelFileException {
        List<Integer> sizes = null;
        List<Matrix> weights = null;
        List<Matrix> biases = null;
        String cost = null;
        Budget budget = new Budget(maxParameters);
        try (JsonParser parser = json.createParser(in)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "the file");
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "sizes" -> sizes = readSizes(parser, value);
                    case "weights" -> weights = readLayers(parser, value, "weights", budget);
                    case "biases" -> biases = readLayers(parser, value, "biases", budget);
                    case "cost" -> {
                        expect(value, JsonToken.VALUE_STRING, "cost");
                        cost = parser.getString();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidModelFileException("unexpected content after the JSON object");
            }
        } catch (JacksonException e) {
            throw new InvalidModelFileException("not valid JSON: " + e.getOriginalMessage());
        }
        return assemble(sizes, weights, biases, cost, inputs, classes);
    }

    private static Network2Json.Read assemble(
            List<Integer> sizes, List<Matrix> weights, List<Matrix> biases, String cost, int inputs, int classes)
            throws InvalidModelFileException {
        require(sizes, "sizes");
        require(weights, "weights");
        require(biases, "biases");
        require(cost, "cost");
        if (!cost.equals(Network2Json.QUADRATIC) && !cost.equals(Network2Json.CROSS_ENTROPY)) {
            throw new InvalidModelFileException(
                    "cost: '" + cost + "' is neither " + Network2Json.QUADRATIC + " nor " + Network2Json.CROSS_ENTROPY);
        }
        if (sizes.get(0) != inputs || sizes.get(sizes.size() - 1) != classes) {
            throw new InvalidModelFileException("sizes: " + sizes + " must start with " + inputs
                    + " (the pixels of a 28×28 image) and end with " + classes + " (the classes)");
        }
        int depth = sizes.size() - 1;
        if (weights.size() != depth || biases.size() != depth) {
            throw new InvalidModelFileException("sizes " + sizes + " need " + depth + " weight matrices and " + depth
                    + " bias columns, not " + weights.size() + " and " + biases.size());
        }
        List<float[]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            int units = sizes.get(l + 1);
            int from = sizes.get(l);
            weights.get(l).check("weights[" + l + "]", units, from);
            biases.get(l).check("biases[" + l + "]", units, 1);
            w.add(weights.get(l).values());
            b.add(biases.get(l).values());
        }
        Architecture architecture = new Architecture(sizes, Activation.SIGMOID, Activation.SIGMOID, false);
        return new Network2Json.Read(LayerParameters.network(architecture, w, b), cost);
    }

    private static void require(Object value, String field) throws InvalidModelFileException {
        if (value == null) {
            throw new InvalidModelFileException("the file has no '" + field + "'");
        }
    }

    private static List<Integer> readSizes(JsonParser parser, JsonToken start) throws InvalidModelFileException {
        expect(start, JsonToken.START_ARRAY, "sizes");
        List<Integer> sizes = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 1 || parser.getLongValue() > 1 << 20) {
                throw new InvalidModelFileException("sizes: every size must be a positive whole number");
            }
            if (sizes.size() == 64) {
                throw new InvalidModelFileException("sizes: more than 64 layers");
            }
            sizes.add(parser.getIntValue());
        }
        if (sizes.size() < 2) {
            throw new InvalidModelFileException("sizes: a network needs at least an input and an output size");
        }
        return sizes;
    }

    /** Reads a list of matrices, each a list of rows of numbers; a row may also be a bare number. */
    private static List<Matrix> readLayers(JsonParser parser, JsonToken start, String field, Budget budget)
            throws InvalidModelFileException {
        expect(start, JsonToken.START_ARRAY, field);
        List<Matrix> layers = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            String name = field + "[" + layers.size() + "]";
            expect(token, JsonToken.START_ARRAY, name);
            Matrix matrix = new Matrix();
            for (JsonToken row = parser.nextToken(); row != JsonToken.END_ARRAY; row = parser.nextToken()) {
                int columns = 0;
                if (row == JsonToken.START_ARRAY) {
                    for (JsonToken cell = parser.nextToken(); cell != JsonToken.END_ARRAY; cell = parser.nextToken()) {
                        matrix.add(number(parser, cell, name), budget);
                        columns++;
                    }
                } else {
                    matrix.add(number(parser, row, name), budget);
                    columns = 1;
                }
                matrix.endRow(columns, name);
            }
            layers.add(matrix);
        }
        return layers;
    }

    private static float number(JsonParser parser, JsonToken token, String field) throws InvalidModelFileException {
        if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidModelFileException(field + ": expected numbers, found " + describe(token));
        }
        float value = parser.getFloatValue();
        if (!Float.isFinite(value)) {
            throw new InvalidModelFileException(field + ": " + parser.getText() + " is outside the range of a float");
        }
        return value;
    }

    private static void expect(JsonToken token, JsonToken wanted, String field) throws InvalidModelFileException {
        if (token != wanted) {
            String shape = wanted == JsonToken.START_OBJECT
                    ? "a JSON object"
                    : wanted == JsonToken.START_ARRAY ? "a list" : "a string";
            throw new InvalidModelFileException(field + ": expected " + shape + ", found " + describe(token));
        }
    }

    private static String describe(JsonToken token) {
        return token == null ? "the end of the file" : token.asString() == null ? token.name() : token.asString();
    }

    /** How many more numbers a file may hold. */
    private static final class Budget {
        private long left;

        Budget(long max) {
            this.left = max;
        }

        void spend() throws InvalidModelFileException {
            if (--left < 0) {
                throw new InvalidModelFileException("the file holds more parameters than the limit allows");
            }
        }
    }

    /** A matrix as read, row by row, with every row the same length. */
    private static final class Matrix {
        private float[] values = new float[1024];
        private int size;
        private int rows;
        private int columns = -1;

        void add(float value, Budget budget) throws InvalidModelFileException {
            budget.spend();
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void endRow(int length, String name) throws InvalidModelFileException {
            if (columns >= 0 && length != columns) {
                throw new InvalidModelFileException(
                        name + ": rows of different lengths (" + columns + " and " + length + ")");
            }
            columns = length;
            rows++;
        }

        void check(String name, int expectedRows, int expectedColumns) throws InvalidModelFileException {
            if (rows != expectedRows || (rows > 0 && columns != expectedColumns)) {
                throw new InvalidModelFileException(name + ": expected " + expectedRows + " rows of " + expectedColumns
                        + ", found " + rows + " rows of " + Math.max(columns, 0));
            }
        }

        float[] values() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
