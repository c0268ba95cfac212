package dev.backprop.engine.augment;

/**
 * One image's distortion, fixed: a whole-pixel shift, a rotation and scaling about the image's centre,
 * and an optional displacement field. Applied by inverse mapping: each output pixel takes the bilinear
 * interpolation of the input at the point that lands on it, and points outside the image read as
 * background (0).
 *
 * @param angle radians, counter-clockwise as the image is seen (rows downward)
 * @param scale the magnification, 1 for none
 * @param field per output pixel, the displacement to add to the sampled point (null for none)
 */
public record Distortion(int shiftX, int shiftY, double angle, double scale, Field field) {

    /** A displacement field, each component used as it is or negated; the arrays are shared, not copied. */
    public record Field(float[] dx, float[] dy, float signX, float signY) {}

    public static final int SIDE = 28;
    private static final double CENTRE = (SIDE - 1) / 2.0;
    private static final int PADDED_SIDE = SIDE + 2;
    /** Each thread's copy of the image being distorted, in floats, inside a border of zeros never written. */
    private static final ThreadLocal<float[]> PADDED =
            ThreadLocal.withInitial(() -> new float[PADDED_SIDE * PADDED_SIDE]);

    /** The identity: every pixel stays where it is. */
    public static Distortion none() {
        return new Distortion(0, 0, 0, 1, null);
    }

    /** Writes the distorted {@code source[from, from + 784)} into {@code target[to, to + 784)}. */
    public void apply(byte[] source, int from, byte[] target, int to) {
        // Output (x, y) reads input centre + R(−θ)·((x, y) − centre − shift)/scale + displacement.
        float cos = (float) (Math.cos(angle) / scale);
        float sin = (float) (Math.sin(angle) / scale);
        Ink ink = Ink.of(source, from);
        float[] padded = PADDED.get();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                padded[(y + 1) * PADDED_SIDE + x + 1] = source[from + y * SIDE + x] & 0xFF;
            }
        }
        for (int y = 0; y < SIDE; y++) {
            float v = (float) (y - CENTRE - shiftY);
            for (int x = 0; x < SIDE; x++) {
                float u = (float) (x - CENTRE - shiftX);
                // Rows grow downward, so a counter-clockwise turn on screen is clockwise in (x, y).
                float sx = (float) CENTRE + cos * u - sin * v;
                float sy = (float) CENTRE + sin * u + cos * v;
                if (field != null) {
                    sx += field.signX * field.dx[y * SIDE + x];
                    sy += field.signY * field.dy[y * SIDE + x];
                }
                // Most of an image is background: a point whose four neighbours lie outside the ink's
                // box reads 0 without touching the pixels (this halved the time to distort MNIST).
                target[to + y * SIDE + x] = ink.near(sx, sy) ? (byte) Math.round(sample(padded, sx, sy)) : 0;
            }
        }
    }

    /** The bounding box of an image's non-zero pixels. */
    private record Ink(int left, int top, int right, int bottom) {
        static Ink of(byte[] image, int from) {
            int left = SIDE, top = SIDE, right = -1, bottom = -1;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    if (image[from + y * SIDE + x] != 0) {
                        left = Math.min(left, x);
                        right = Math.max(right, x);
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y);
                    }
                }
            }
            return new Ink(left, top, right, bottom);
        }

        boolean near(float x, float y) {
            return x > left - 1 && x < right + 1 && y > top - 1 && y < bottom + 1;
        }
    }

    /**
     * Bilinear interpolation on the image copied inside a border of zeros, so that no neighbour needs a
     * bounds check (a fifth off the time to distort MNIST, 0.60 to 0.48 s of CPU): a point near the ink lies in (−1, 28).
     */
    private static float sample(float[] padded, float x, float y) {
        // x, y > −1 here, so truncating x + 1 floors it.
        int x0 = (int) (x + 1) - 1;
        int y0 = (int) (y + 1) - 1;
        float fx = x - x0;
        float fy = y - y0;
        int at = (y0 + 1) * PADDED_SIDE + x0 + 1;
        float top = (1 - fx) * padded[at] + fx * padded[at + 1];
        float bottom = (1 - fx) * padded[at + PADDED_SIDE] + fx * padded[at + PADDED_SIDE + 1];
        return (1 - fy) * top + fy * bottom;
    }
}
