package dev.backprop.engine.kernels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
        return withMiddles(of(pixels, 0, count, features), features);
    }

    /**
     * The lists of consecutive runs of images, made apart (say by several threads), as one list with its
     * middles: what {@link #of(byte[], int, int)} gives for all the images at once.
     */
    public static SparsePixels joined(SparsePixels[] parts, int features) {
        return joined(parts, features, null);
    }

    /**
     * As {@link #joined(SparsePixels[], int)}, writing into {@code reuse}'s arrays where they are large
     * enough (a list of as many images, no longer read), so that a list made every epoch is not a new
     * allocation every epoch.
     */
    public static SparsePixels joined(SparsePixels[] parts, int features, SparsePixels reuse) {
        int count = 0;
        int entries = 0;
        for (SparsePixels part : parts) {
            count += part.start.length - 1;
            entries += part.start[part.start.length - 1];
        }
        boolean fits = reuse != null && reuse.start.length == count + 1 && reuse.index.length > entries;
        int[] start = fits ? reuse.start : new int[count + 1];
        // A fifth to spare, as the next epoch's distortions may leave a few more pixels lit.
        char[] index = fits ? reuse.index : new char[entries + entries / 5 + 1];
        byte[] value = fits ? reuse.value : new byte[index.length];
        int image = 0;
        int entry = 0;
        for (SparsePixels part : parts) {
            int images = part.start.length - 1;
            for (int e = 0; e < images; e++) {
                start[image + e] = entry + part.start[e];
            }
            int length = part.start[images];
            System.arraycopy(part.index, 0, index, entry, length);
            System.arraycopy(part.value, 0, value, entry, length);
            image += images;
            entry += length;
        }
        start[count] = entry;
        return withMiddles(new SparsePixels(start, index, value), features, fits ? reuse.middle : null);
    }

    private static SparsePixels withMiddles(SparsePixels images, int features) {
        return withMiddles(images, features, null);
    }

    private static SparsePixels withMiddles(SparsePixels images, int features, int[] reuse) {
        int count = images.start.length - 1;
        int split = features / 2;
        int[] middle = reuse != null && reuse.length == count ? reuse : new int[count];
        for (int e = 0; e < count; e++) {
            middle[e] = Kernels.lowerBound(images.index, images.start[e], images.start[e + 1], split);
        }
        return new SparsePixels(images.start, images.index, images.value, split, middle);
    }

    /**
     * The non-zero pixels of {@code count} images of {@code features} bytes each, laid out one after another
     * in {@code pixels} from {@code offset}, without the middles: what a prediction on raw 0–255 images
     * reads instead of four bytes of float per pixel. Background is skipped eight pixels at a time.
     */
    public static SparsePixels of(byte[] pixels, int offset, int count, int features) {
        if (features > Character.MAX_VALUE) {
            throw new IllegalArgumentException("too many pixels per image: " + features);
        }
        int total = count * features;
        int nonZero = 0;
        int i = 0;
        for (; i + Long.BYTES <= total; i += Long.BYTES) {
            nonZero += nonZeroBytes((long) EIGHT_BYTES.get(pixels, offset + i));
        }
        for (; i < total; i++) {
            nonZero += pixels[offset + i] != 0 ? 1 : 0;
        }
        int[] start = new int[count + 1];
        // One slot to spare: compact writes each pixel before knowing whether to keep it.
        char[] index = new char[nonZero + 1];
        byte[] value = new byte[nonZero + 1];
        int next = 0;
        for (int e = 0; e < count; e++) {
            start[e] = next;
            next = compact(pixels, offset + e * features, features, index, value, next);
        }
        start[count] = next;
        return new SparsePixels(start, index, value);
    }

    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Appends one image's non-zero pixels from {@code next}; answers where the next image's go. Every pixel
     * of a block with any ink is written and kept by a count rather than a branch, which would mispredict
     * at every stroke's edge.
     */
    private static int compact(byte[] pixels, int from, int features, char[] index, byte[] value, int next) {
        int i = 0;
        for (; i + Long.BYTES <= features; i += Long.BYTES) {
            if ((long) EIGHT_BYTES.get(pixels, from + i) != 0) {
                for (int k = i; k < i + Long.BYTES; k++) {
                    byte pixel = pixels[from + k];
                    index[next] = (char) k;
                    value[next] = pixel;
                    next += (pixel | -pixel) >>> 31;
                }
            }
        }
        for (; i < features; i++) {
            byte pixel = pixels[from + i];
            index[next] = (char) i;
            value[next] = pixel;
            next += (pixel | -pixel) >>> 31;
        }
        return next;
    }

    /** How many of a long's eight bytes are not zero. */
    private static int nonZeroBytes(long bytes) {
        long low7 = (bytes & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
        return Long.bitCount((low7 | bytes) & 0x8080808080808080L);
    }
}
