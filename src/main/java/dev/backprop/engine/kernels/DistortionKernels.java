package dev.backprop.engine.kernels;

/**
 * The arithmetic of distorting training images, vectorised where the JVM can: sampling an image at the
 * points its pixels map to, and the sums that smooth an elastic displacement field. Both give the same
 * bits on either implementation of {@link Kernels}.
 */
public final class DistortionKernels {

    private DistortionKernels() {}

    /** {@code y[to + i] = x[from + i] & 0xFF} for {@code i < n}: pixels 0–255 as floats. */
    public static void widen(byte[] x, int from, float[] y, int to, int n) {
        Kernels.INSTANCE.widen(x, from, y, to, n);
    }

    /** Writes the grid's points, row after row, into {@code xs} and {@code ys}. */
    public static void points(Grid grid, float[] xs, float[] ys) {
        Kernels.INSTANCE.points(grid, xs, ys);
    }

    /**
     * Writes into {@code target[to, to + n)} the image's bilinear interpolation at each point
     * {@code (xs[i], ys[i])}, rounded half up; a point outside the image's box gives 0. The points must be
     * finite; the interpolated values, being of 0–255 pixels, are too.
     */
    public static void sample(PaddedImage image, float[] xs, float[] ys, int n, byte[] target, int to) {
        Kernels.INSTANCE.sample(image, xs, ys, n, target, to);
    }

    /**
     * {@code y[i] = y[i] + weight · x[from + i]} for {@code i < n}: a multiply, then an add, never fused,
     * so that a sum built of these has the bits of the same sum written as a plain loop.
     */
    public static void addScaled(float weight, float[] x, int from, float[] y, int n) {
        Kernels.INSTANCE.addScaled(weight, x, from, y, n);
    }
}
