package dev.backprop.model;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Attributions as a PNG over their input: the digit in grey (ink dark, on white), each pixel tinted red
 * for evidence for the target and blue against, the more strongly the larger its attribution against
 * the largest. Each input pixel is a {@value #SCALE}×{@value #SCALE} square, so the picture is 280×280.
 */
final class HeatMap {

    static final int SCALE = 10;

    private HeatMap() {}

    static byte[] png(ExplanationResponse explanation) {
        float[][] attributions = explanation.attributions();
        int side = attributions.length;
        double largest = 0;
        for (float[] row : attributions) {
            for (float value : row) {
                largest = Math.max(largest, Math.abs(value));
            }
        }
        BufferedImage image = new BufferedImage(side * SCALE, side * SCALE, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int grey = 255 - explanation.input()[r][c] * 2 / 5; // light ink, so the tint over it stays clear
                double strength = largest == 0 ? 0 : attributions[r][c] / largest;
                int tint = strength > 0 ? 0xD7301F : 0x2B6CB0;
                // The square root lifts the many small attributions into sight beside the few large ones.
                int rgb = blend(grey, tint, Math.sqrt(Math.min(1, Math.abs(strength))));
                for (int y = 0; y < SCALE; y++) {
                    for (int x = 0; x < SCALE; x++) {
                        image.setRGB(c * SCALE + x, r * SCALE + y, rgb);
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }

    private static int blend(int grey, int tint, double share) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int channel = (int) Math.round(grey * (1 - share) + ((tint >> shift) & 0xFF) * share);
            rgb |= channel << shift;
        }
        return rgb;
    }
}
