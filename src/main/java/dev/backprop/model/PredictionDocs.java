package dev.backprop.model;

/**
 * The OpenAPI text of the prediction operations. Their JSON and multipart handlers share a path and
 * method, so Swagger UI shows each pair as one operation: both handlers carry the same text.
 */
final class PredictionDocs {

    static final String PREDICT_SUMMARY = "Classify one image or picture";
    static final String PREDICT = "JSON: `pixels` (784 numbers, row-major) or `image` (28 rows of 28), 0–255"
            + " (0 = background, 255 = ink). multipart/form-data: part `file`, a PNG, JPEG, GIF or BMP of any size,"
            + " colour or greyscale, made into an MNIST-style input first (greyscale; inverted if its border is"
            + " light; the ink's box scaled to fit 20×20; centred by mass in 28×28); the answer adds that `input`"
            + " and how the `picture` was read.";
    static final String BATCH_SUMMARY = "Classify many images or pictures";
    static final String BATCH = "JSON: `images`, each 784 numbers 0–255. multipart/form-data: one `file` part per"
            + " picture. Answers in their order; a bad image or picture is named by its index.";

    private PredictionDocs() {}
}
