package dev.backprop.engine.kernels;

/**
 * An image to sample, copied into {@code pixels} inside a border of zeros one pixel wide (so pixel
 * (x, y) is {@code pixels[(y + 1) · side + x + 1]}), and the open box {@code (left, right) × (top, bottom)}
 * outside which every point reads 0: the box around the image's ink, widened by a pixel, so a point inside
 * reads only its copied neighbours and no bounds check is needed.
 */
public record PaddedImage(float[] pixels, int side, float left, float top, float right, float bottom) {

    /** Whether bilinear interpolation at (x, y) may touch ink. */
    boolean near(float x, float y) {
        return x > left && x < right && y > top && y < bottom;
    }
}
