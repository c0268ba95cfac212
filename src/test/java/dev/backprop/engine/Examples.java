package dev.backprop.engine;

import java.util.Random;

/** Small example sets for engine tests. */
public final class Examples {

    private Examples() {}

    /** {@code count} images of {@code features} pixels, about a third of them zero (as in MNIST's background). */
    public static ExampleSet random(int count, int features, int classes, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * features];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = random.nextInt(3) == 0 ? 0 : (byte) (1 + random.nextInt(255));
        }
        byte[] labels = new byte[count];
        for (int k = 0; k < count; k++) {
            labels[k] = (byte) random.nextInt(classes);
        }
        return new ExampleSet(pixels, labels, features, classes);
    }

    static int[] all(int count) {
        return Split.all(count);
    }
}
