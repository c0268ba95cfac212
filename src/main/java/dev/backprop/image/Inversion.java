package dev.backprop.image;

/**
 * Step 2: MNIST's digits are bright ink on a black background. The border of a picture is almost all
 * background, so its median brightness says which way round the picture is: a light border (paper, a
 * white canvas) means dark ink, and the picture is inverted.
 */
public final class Inversion {

    /** Share of the shorter side that counts as border, so that a frame of a few pixels is not all it sees. */
    static final double BORDER_SHARE = 0.02;

    private Inversion() {}

    /**
     * @param image      the picture with its ink bright
     * @param inverted   whether it had to be inverted
     * @param background the brightness of its background after any inversion, 0–255
     */
    public record InkBright(GreyImage image, boolean inverted, float background) {}

    public static InkBright inkBright(GreyImage picture) {
        float border = borderMedian(picture);
        if (border <= 127.5f) {
            return new InkBright(picture, false, border);
        }
        float[] inverted = new float[picture.values().length];
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = 255 - picture.values()[i];
        }
        return new InkBright(new GreyImage(picture.width(), picture.height(), inverted), true, 255 - border);
    }

    /** The median brightness of the pixels within the border band, to the nearest whole level. */
    static float borderMedian(GreyImage picture) {
        int width = picture.width();
        int height = picture.height();
        int band = Math.max(1, (int) Math.round(Math.min(width, height) * BORDER_SHARE));
        int[] histogram = new int[256];
        int count = 0;
        for (int y = 0; y < height; y++) {
            boolean edgeRow = y < band || y >= height - band;
            for (int x = 0; x < width; x++) {
                if (edgeRow || x < band || x >= width - band) {
                    histogram[Math.round(Math.max(0, Math.min(255, picture.value(x, y))))]++;
                    count++;
                }
            }
        }
        int seen = 0;
        for (int level = 0; level < 256; level++) {
            seen += histogram[level];
            if (seen * 2 >= count) {
                return level;
            }
        }
        return 255;
    }
}
