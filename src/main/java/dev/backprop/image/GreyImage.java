package dev.backprop.image;

/**
 * A greyscale picture: one value per pixel, row-major, on the 0–255 scale (fractions allowed, so that
 * no step rounds before the last).
 *
 * @param width  pixels per row
 * @param height rows
 * @param values {@code width × height} values; pixel (x, y) is {@code values[y * width + x]}
 */
public record GreyImage(int width, int height, float[] values) {

    public GreyImage {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException(
                    "a " + width + "×" + height + " image needs " + width * height + " values, not " + values.length);
        }
    }

    /** A black image. */
    public static GreyImage blank(int width, int height) {
        return new GreyImage(width, height, new float[width * height]);
    }

    public float value(int x, int y) {
        return values[y * width + x];
    }

    /** The part of the image inside {@code box}, copied. */
    public GreyImage crop(InkBounds.Box box) {
        float[] cropped = new float[box.width() * box.height()];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(values, (box.top() + y) * width + box.left(), cropped, y * box.width(), box.width());
        }
        return new GreyImage(box.width(), box.height(), cropped);
    }

    /** The largest value. */
    public float max() {
        float max = 0;
        for (float value : values) {
            max = Math.max(max, value);
        }
        return max;
    }
}
