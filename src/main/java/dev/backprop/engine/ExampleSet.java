package dev.backprop.engine;

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
    public static final float PIXEL_SCALE = 1f / 255f;

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

    /**
     * Every image's non-zero pixels in compressed-row form: image {@code e}'s pixels are entries
     * {@code start[e]} to {@code start[e + 1] − 1} of {@code index} (which pixel) and {@code value} (its
     * 0–255 value). {@code middle[e]} is image e's first entry at or past pixel {@code split}, half the
     * pixels: where the two threads of a small batch part (saves the two binary searches per image and
     * product that were a sixth of the seed network's step); null when not known.
     */
    public record SparsePixels(int[] start, char[] index, byte[] value, int split, int[] middle) {

        public SparsePixels(int[] start, char[] index, byte[] value) {
            this(start, index, value, -1, null);
        }

        /** The first entry of image {@code example} at or past pixel {@code pixel}. */
        int firstAtOrPast(int example, int pixel) {
            if (pixel == 0) {
                return start[example];
            }
            if (pixel == split) {
                return middle[example];
            }
            int end = start[example + 1];
            if (end == start[example] || index[end - 1] < pixel) {
                return end; // past the last pixel, as the end of every range is
            }
            return Kernels.lowerBound(index, start[example], end, pixel);
        }

        static SparsePixels of(byte[] pixels, int count, int features) {
            if (features > Character.MAX_VALUE) {
                throw new IllegalArgumentException("too many pixels per image: " + features);
            }
            int nonZero = 0;
            for (byte pixel : pixels) {
                if (pixel != 0) {
                    nonZero++;
                }
            }
            int[] start = new int[count + 1];
            char[] index = new char[nonZero];
            byte[] value = new byte[nonZero];
            int next = 0;
            for (int e = 0; e < count; e++) {
                start[e] = next;
                int offset = e * features;
                for (int i = 0; i < features; i++) {
                    byte pixel = pixels[offset + i];
                    if (pixel != 0) {
                        index[next] = (char) i;
                        value[next++] = pixel;
                    }
                }
            }
            start[count] = next;
            int split = features / 2;
            int[] middle = new int[count];
            for (int e = 0; e < count; e++) {
                middle[e] = Kernels.lowerBound(index, start[e], start[e + 1], split);
            }
            return new SparsePixels(start, index, value, split, middle);
        }
    }
}
