package dev.backprop.dataset;

import dev.backprop.engine.ExampleSet;

/**
 * One split of a dataset as bytes: every 28×28 image's pixels (0–255, row-major, image after image) and
 * every label. Builders check that images and labels belong together before making one.
 */
record LabeledImages(byte[] pixels, byte[] labels) {

    static final int PIXELS = IdxFolder.SIDE * IdxFolder.SIDE;

    LabeledImages {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException(labels.length + " labels but " + pixels.length + " pixels");
        }
    }

    int count() {
        return labels.length;
    }

    ExampleSet toExamples(int classes) {
        return new ExampleSet(pixels, labels, PIXELS, classes);
    }

    /** Checks decoded IDX images and labels against each other and against the number of classes. */
    static LabeledImages of(IdxFormat.Images images, byte[] labels, String imagesPart, String labelsPart, int classes) {
        if (images.rows() != IdxFolder.SIDE || images.columns() != IdxFolder.SIDE) {
            throw new InvalidDatasetException(
                    imagesPart, "images are " + images.rows() + "×" + images.columns() + ", expected 28×28");
        }
        if (images.count() != labels.length) {
            throw new InvalidDatasetException(
                    labelsPart,
                    "holds " + labels.length + " labels but " + imagesPart + " holds " + images.count() + " images");
        }
        checkLabels(labels, labelsPart, classes);
        return new LabeledImages(images.pixels(), labels);
    }

    static void checkLabels(byte[] labels, String part, int classes) {
        for (int k = 0; k < labels.length; k++) {
            int label = labels[k] & 0xFF;
            if (label >= classes) {
                throw new InvalidDatasetException(
                        part, "label " + label + " at index " + k + " is outside 0–" + (classes - 1));
            }
        }
    }
}
