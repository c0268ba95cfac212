package dev.backprop.image;

/**
 * Step 3: MNIST's background is exactly 0 and its strongest ink 255, whatever paper, lighting or pen a
 * picture was made with. The background level becomes 0 and the brightest ink 255, linearly between;
 * anything within {@link #NOISE_FLOOR} of the way from background to ink is taken for paper grain or
 * compression noise and becomes background too.
 */
public final class Levels {

    /** Share of the background-to-ink range below which a pixel is still background. */
    static final float NOISE_FLOOR = 0.2f;

    /** Least difference between the brightest pixel and the background for the picture to have ink at all. */
    static final float MIN_CONTRAST = 32;

    private Levels() {}

    /**
     * @param inkBright  the picture with its ink bright
     * @param background the brightness of its background
     * @throws PictureException with {@link PictureException.Reason#NO_INK} when nothing stands out from
     *                          the background
     */
    public static GreyImage stretch(GreyImage inkBright, float background) {
        float peak = inkBright.max();
        if (peak - background < MIN_CONTRAST) {
            throw new PictureException(
                    PictureException.Reason.NO_INK,
                    "the picture has no ink: nothing in it stands out from its background (brightest "
                            + Math.round(peak) + " against a background of " + Math.round(background)
                            + " on a 0–255 scale, after making the ink the bright part)");
        }
        float floor = background + NOISE_FLOOR * (peak - background);
        float scale = 255 / (peak - floor);
        float[] stretched = new float[inkBright.values().length];
        for (int i = 0; i < stretched.length; i++) {
            stretched[i] = Math.max(0, inkBright.values()[i] - floor) * scale;
        }
        return new GreyImage(inkBright.width(), inkBright.height(), stretched);
    }
}
