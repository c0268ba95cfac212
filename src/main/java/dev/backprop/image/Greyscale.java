package dev.backprop.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Step 1: the picture's brightness, 0 (black) to 255 (white), with the Rec. 601 weights
 * {@code 0.299 R + 0.587 G + 0.114 B} that television and JPEG use for luma. Transparent parts show the
 * background a viewer would expect behind the ink: white behind dark strokes, black behind light ones.
 */
public final class Greyscale {

    private Greyscale() {}

    public static GreyImage of(BufferedImage picture) {
        int width = picture.getWidth();
        int height = picture.getHeight();
        float[] luma = new float[width * height];
        float[] alpha = picture.getColorModel().hasAlpha() ? new float[width * height] : null;
        if (isGrey(picture.getColorModel())) {
            readGrey(picture, luma, alpha);
        } else {
            readColour(picture, luma, alpha);
        }
        if (alpha != null) {
            composite(luma, alpha);
        }
        return new GreyImage(width, height, luma);
    }

    /**
     * Grey pictures are read from their samples: converting them to RGB would treat their values as
     * linear light and brighten every mid-grey.
     */
    private static boolean isGrey(ColorModel model) {
        return !(model instanceof IndexColorModel)
                && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && model.getNumColorComponents() == 1;
    }

    private static void readGrey(BufferedImage picture, float[] luma, float[] alpha) {
        Raster raster = picture.getRaster();
        ColorModel model = picture.getColorModel();
        int width = picture.getWidth();
        float greyScale = 255f / ((1 << model.getComponentSize(0)) - 1);
        float alphaScale = alpha == null ? 0 : 1f / ((1 << model.getComponentSize(1)) - 1);
        int[] row = new int[width];
        for (int y = 0; y < picture.getHeight(); y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                luma[y * width + x] = row[x] * greyScale;
            }
            if (alpha != null) {
                raster.getSamples(0, y, width, 1, 1, row);
                for (int x = 0; x < width; x++) {
                    alpha[y * width + x] = row[x] * alphaScale;
                }
            }
        }
    }

    private static void readColour(BufferedImage picture, float[] luma, float[] alpha) {
        int width = picture.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < picture.getHeight(); y++) {
            picture.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                luma[y * width + x] =
                        0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF);
                if (alpha != null) {
                    alpha[y * width + x] = (argb >>> 24) / 255f;
                }
            }
        }
    }

    /** Lays the picture over white if what is opaque in it is mostly dark, over black if mostly light. */
    private static void composite(float[] luma, float[] alpha) {
        double weighted = 0;
        double opacity = 0;
        for (int i = 0; i < luma.length; i++) {
            weighted += alpha[i] * luma[i];
            opacity += alpha[i];
        }
        float behind = opacity > 0 && weighted / opacity > 127.5 ? 0 : 255;
        for (int i = 0; i < luma.length; i++) {
            luma[i] = alpha[i] * luma[i] + (1 - alpha[i]) * behind;
        }
    }
}
