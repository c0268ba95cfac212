package dev.backprop.dataset;

import dev.backprop.engine.ExampleSet;

/** Turns decoded images and labels into an {@link ExampleSet} after checking they belong together. */
final class LabeledImages {

    private LabeledImages() {}

    static ExampleSet check(IdxFormat.Images images, byte[] labels, String imagesPart, String labelsPart, int classes) {
        if (images.rows() != IdxFolder.SIDE || images.columns() != IdxFolder.SIDE) {
            throw new InvalidDatasetException(
                    imagesPart + ": images are " + images.rows() + "×" + images.columns() + ", expected 28×28");
        }
        if (images.count() != labels.length) {
            throw new InvalidDatasetException(imagesPart + " holds " + images.count() + " images but " + labelsPart
                    + " holds " + labels.length + " labels");
        }
        for (int k = 0; k < labels.length; k++) {
            int label = labels[k] & 0xFF;
            if (label >= classes) {
                throw new InvalidDatasetException(
                        labelsPart + ": label " + label + " at index " + k + " is outside 0–" + (classes - 1));
            }
        }
        return new ExampleSet(images.pixels(), labels, IdxFolder.SIDE * IdxFolder.SIDE, classes);
    }
}
