package dev.backprop.engine.kernels;

/**
 * {@code count} images as their raw 0–255 pixels, one byte each, image after image from {@code offset} of
 * {@code values}, each as long as the product it enters has inputs: a prediction's input read as sent,
 * a quarter of the bytes of the same images in floats.
 */
public record RawPixels(byte[] values, int offset, int count) {

    /** The images as a dense block of floats, each pixel scaled as {@link Kernels#pixel} does. */
    Block toBlock(int inputs) {
        float[] x = new float[count * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = Kernels.pixel(values[offset + i]);
        }
        return Block.of(x, count);
    }
}
