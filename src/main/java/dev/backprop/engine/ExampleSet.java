package dev.backprop.engine;

import dev.backprop.engine.kernels.SparsePixels;
import java.util.Objects;

/**
 * Labelled images held compactly: every pixel of every image in one byte array (0–255, row-major,
 * image after image) and every label in another. The engine scales pixels to [0, 1] as it reads them.
 *
 * <p>Most pixels of a handwritten digit are background, so the set also keeps, built once on first
 * use, the list of each image's non-zero pixels ({@link SparsePixels}); the first layer's work is
 * proportional to those alone.
 */
public final class ExampleSet {

    /** Scales a 0–255 pixel to [0, 1]. */
    public static final float PIXEL_SCALE = SparsePixels.SCALE;

    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int features;
    private final int classes;
    private volatile SparsePixels sparse;

    public ExampleSet(byte[] pixels, byte[] labels, int features, int classes) {
        this.pixels = Objects.requireNonNull(pixels);
        this.labels = Objects.requireNonNull(labels);
        if (features <= 0 || pixels.length % features != 0) {
            throw new IllegalArgumentException("pixels do not divide into images of " + features);
        }
        this.count = pixels.length / features;
        if (labels.length != count) {
            throw new IllegalArgumentException(count + " images but " + labels.length + " labels");
        }
        this.features = features;
        this.classes = classes;
        for (byte label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
            }
        }
    }

    /** A set whose non-zero pixels were listed already, as {@link #sparse} would list them. */
    ExampleSet(byte[] pixels, byte[] labels, int features, int classes, SparsePixels sparse) {
        this(pixels, labels, features, classes);
        if (sparse.start().length != count + 1) {
            throw new IllegalArgumentException(
                    "a list of " + (sparse.start().length - 1) + " images for " + count + " images");
        }
        this.sparse = sparse;
    }

    public int count() {
        return count;
    }

    /** Pixels per image (784 for 28×28). */
    public int features() {
        return features;
    }

    /** Number of distinct labels; labels run from 0 to classes − 1. */
    public int classes() {
        return classes;
    }

    public int label(int example) {
        return labels[example];
    }

    /** One pixel, 0–255. */
    public int pixel(int example, int feature) {
        return pixels[example * features + feature] & 0xFF;
    }

    /** Every pixel, image after image: the set's own array, not a copy, for making distorted copies. */
    byte[] pixels() {
        return pixels;
    }

    /** The image's pixels scaled to [0, 1]. */
    public float[] image(int example) {
        float[] image = new float[features];
        int offset = example * features;
        for (int i = 0; i < features; i++) {
            image[i] = (pixels[offset + i] & 0xFF) * PIXEL_SCALE;
        }
        return image;
    }

    /** The non-zero pixels of every image, computed on first call and kept. */
    public SparsePixels sparse() {
        SparsePixels result = sparse;
        if (result == null) {
            synchronized (this) {
                result = sparse;
                if (result == null) {
                    result = SparsePixels.of(pixels, count, features);
                    sparse = result;
                }
            }
        }
        return result;
    }
}
