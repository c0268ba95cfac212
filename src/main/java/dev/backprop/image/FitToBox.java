package dev.backprop.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.AreaAveragingScaleFilter;
import java.awt.image.BufferedImage;
import java.awt.image.FilteredImageSource;
import java.awt.image.PixelGrabber;

/**
 * Step 5: MNIST scaled every digit to fit a 20×20 box, keeping its aspect ratio, with anti-aliasing that
 * turns partly covered pixels grey. Shrinking averages the source pixels each target pixel covers (the
 * JDK's area-averaging filter); enlarging a small drawing interpolates bilinearly.
 */
public final class FitToBox {

    /** The box MNIST's digits were scaled to fit. */
    public static final int MNIST_BOX = 20;

    private FitToBox() {}

    /** The image scaled so that its longer side is {@code box} pixels and its shorter side in proportion. */
    public static GreyImage fit(GreyImage image, int box) {
        double scale = (double) box / Math.max(image.width(), image.height());
        int width = Math.max(1, Math.min(box, (int) Math.round(image.width() * scale)));
        int height = Math.max(1, Math.min(box, (int) Math.round(image.height() * scale)));
        BufferedImage source = toRgb(image);
        int[] rgb = scale < 1 ? areaAverage(source, width, height) : bilinear(source, width, height);
        float[] values = new float[width * height];
        for (int i = 0; i < values.length; i++) {
            values[i] = rgb[i] & 0xFF;
        }
        return new GreyImage(width, height, values);
    }

    private static int[] areaAverage(BufferedImage source, int width, int height) {
        int[] pixels = new int[width * height];
        PixelGrabber grabber = new PixelGrabber(
                new FilteredImageSource(source.getSource(), new AreaAveragingScaleFilter(width, height)),
                0,
                0,
                width,
                height,
                pixels,
                0,
                width);
        try {
            if (!grabber.grabPixels()) {
                throw new IllegalStateException("scaling stopped early: status " + grabber.getStatus());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scaling", e);
        }
        return pixels;
    }

    private static int[] bilinear(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target.getRGB(0, 0, width, height, null, 0, width);
    }

    /** Grey as equal red, green and blue, so that the JDK's filters change no value by colour conversion. */
    private static BufferedImage toRgb(GreyImage image) {
        BufferedImage rgb = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int grey = Math.round(Math.max(0, Math.min(255, image.value(x, y))));
                row[x] = grey << 16 | grey << 8 | grey;
            }
            rgb.setRGB(0, y, image.width(), 1, row, 0, image.width());
        }
        return rgb;
    }
}
