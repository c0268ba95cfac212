package dev.backprop.image;

/**
 * A picture turned into what an MNIST model expects: 28×28 pixels, 0 (background) to 255 (ink).
 *
 * @param pixels   784 values 0–255, row-major, as in MNIST's IDX files
 * @param format   the picture's format ({@code PNG}, {@code JPEG}, {@code GIF}, {@code BMP})
 * @param width    the picture's width in pixels
 * @param height   the picture's height in pixels
 * @param inverted whether its background was light, so it was inverted to bright ink on black
 */
public record MnistImage(int[] pixels, String format, int width, int height, boolean inverted) {

    public static final int SIDE = CentreOfMass.MNIST_SIDE;

    public MnistImage {
        if (pixels.length != SIDE * SIDE) {
            throw new IllegalArgumentException("expected " + SIDE * SIDE + " pixels, not " + pixels.length);
        }
    }

    /** The pixels as 28 rows of 28. */
    public int[][] rows() {
        int[][] rows = new int[SIDE][SIDE];
        for (int r = 0; r < SIDE; r++) {
            System.arraycopy(pixels, r * SIDE, rows[r], 0, SIDE);
        }
        return rows;
    }
}
