package dev.backprop.engine.kernels;

/**
 * Every image's non-zero pixels in compressed-row form: image {@code e}'s pixels are entries
 * {@code start[e]} to {@code start[e + 1] − 1} of {@code index} (which pixel) and {@code value} (its
 * 0–255 value). {@code middle[e]} is image e's first entry at or past pixel {@code split}, half the
 * pixels: where the two threads of a small batch part (saves the two binary searches per image and
 * product that were a sixth of the seed network's step); null when not known.
 */
public record SparsePixels(int[] start, char[] index, byte[] value, int split, int[] middle) {

    /** Pixel value 0–255 to [0, 1]: {@code value · SCALE}, the one rounding every path shares. */
    public static final float SCALE = 1f / 255f;

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

    public static SparsePixels of(byte[] pixels, int count, int features) {
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
