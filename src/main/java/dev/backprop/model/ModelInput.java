package dev.backprop.model;

import dev.backprop.engine.ExampleSet;
import dev.backprop.failure.InvalidFieldsException;

/** Checks images sent for prediction and scales them to the [0, 1] the network was trained on. */
final class ModelInput {

    static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;

    private ModelInput() {}

    /** The one image of a {@link PredictRequest}, scaled. */
    static float[] single(PredictRequest request) {
        if (request == null || (request.pixels() == null) == (request.image() == null)) {
            throw new InvalidFieldsException(
                    "pixels",
                    "give either pixels (784 numbers) or image (28 rows of 28 numbers), not "
                            + (request != null && request.pixels() != null ? "both" : "neither"));
        }
        float[] scaled = new float[PIXELS];
        if (request.pixels() != null) {
            copy(request.pixels(), "pixels", scaled, 0);
            return scaled;
        }
        double[][] rows = request.image();
        if (rows.length != SIDE) {
            throw new InvalidFieldsException("image", "expected 28 rows, got " + rows.length);
        }
        for (int r = 0; r < SIDE; r++) {
            if (rows[r] == null || rows[r].length != SIDE) {
                throw new InvalidFieldsException(
                        "image[" + r + "]", "expected 28 numbers, got " + (rows[r] == null ? "null" : rows[r].length));
            }
            for (int c = 0; c < SIDE; c++) {
                scaled[r * SIDE + c] = scale(rows[r][c], "image[" + r + "][" + c + "]");
            }
        }
        return scaled;
    }

    /** The images of a batch, scaled and laid out one after another. */
    static float[] batch(BatchPredictRequest request, int maxImages) {
        double[][] images = request == null ? null : request.images();
        if (images == null || images.length == 0) {
            throw new InvalidFieldsException("images", "give at least one image (784 numbers 0–255 each)");
        }
        if (images.length > maxImages) {
            throw new InvalidFieldsException(
                    "images",
                    images.length + " images is more than the " + maxImages
                            + " one request may carry (backprop.prediction.max-batch-size)");
        }
        float[] scaled = new float[images.length * PIXELS];
        for (int k = 0; k < images.length; k++) {
            copy(images[k], "images[" + k + "]", scaled, k * PIXELS);
        }
        return scaled;
    }

    private static void copy(double[] pixels, String field, float[] target, int offset) {
        if (pixels == null || pixels.length != PIXELS) {
            throw new InvalidFieldsException(
                    field, "expected 784 numbers (28×28), got " + (pixels == null ? "null" : pixels.length));
        }
        for (int i = 0; i < PIXELS; i++) {
            target[offset + i] = scale(pixels[i], field + "[" + i + "]");
        }
    }

    private static float scale(double value, String field) {
        if (!(value >= 0 && value <= 255)) {
            throw new InvalidFieldsException(field, value + " is outside 0–255");
        }
        return (float) value * ExampleSet.PIXEL_SCALE;
    }

    /** A picture's 0–255 pixels scaled like any other image's. */
    static float[] scaled(int[] pixels) {
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = pixels[i] * ExampleSet.PIXEL_SCALE;
        }
        return scaled;
    }
}
