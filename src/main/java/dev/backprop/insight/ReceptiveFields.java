package dev.backprop.insight;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A first layer's receptive fields as one PNG: each hidden unit's 784 incoming weights drawn as a 28×28
 * tile, the tiles in a near-square grid with a one-pixel gutter. Each tile has its own scale, symmetric
 * about zero (a unit's weights matter relative to each other): white for 0, red for the largest
 * positive weight, blue for the most negative, so a unit that looks for ink in a stroke shows it red.
 */
public final class ReceptiveFields {

    private static final int SIDE = 28;
    private static final int GUTTER = 1;

    private ReceptiveFields() {}

    /**
     * The grid for {@code units} units, {@code weights[j·784 + i]} being the weight from pixel {@code i}
     * to unit {@code j}, each tile drawn {@code zoom} times its size.
     */
    public static byte[] png(float[] weights, int units, int zoom) {
        int columns = (int) Math.ceil(Math.sqrt(units));
        int rows = (units + columns - 1) / columns;
        int cell = SIDE * zoom + GUTTER;
        BufferedImage image =
                new BufferedImage(columns * cell + GUTTER, rows * cell + GUTTER, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < image.getWidth() * image.getHeight(); p++) {
            image.setRGB(p % image.getWidth(), p / image.getWidth(), 0x808080);
        }
        for (int j = 0; j < units; j++) {
            float largest = 0;
            for (int i = 0; i < SIDE * SIDE; i++) {
                largest = Math.max(largest, Math.abs(weights[j * SIDE * SIDE + i]));
            }
            int left = GUTTER + (j % columns) * cell;
            int top = GUTTER + (j / columns) * cell;
            for (int i = 0; i < SIDE * SIDE; i++) {
                int rgb = colour(largest == 0 ? 0 : weights[j * SIDE * SIDE + i] / largest);
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        image.setRGB(left + (i % SIDE) * zoom + dx, top + (i / SIDE) * zoom + dy, rgb);
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

    /** White at 0, towards red at +1 and blue at −1. */
    static int colour(float value) {
        int fade = Math.round(255 * (1 - Math.min(1, Math.abs(value))));
        return value >= 0 ? 0xFF0000 | fade << 8 | fade : fade << 16 | fade << 8 | 0xFF;
    }
}
