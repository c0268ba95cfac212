package dev.backprop.dataset;

import dev.backprop.engine.ExampleSet;

/**
 * A dataset loaded into memory: its training and test examples.
 *
 * @param name     the name jobs refer to it by ({@code mnist}, or an uploaded dataset's id)
 * @param training examples to train (and validate) on
 * @param test     examples measured after every epoch
 */
public record Dataset(String name, ExampleSet training, ExampleSet test) {

    /** Pixels per image. */
    public int features() {
        return training.features();
    }

    public int classes() {
        return training.classes();
    }
}
