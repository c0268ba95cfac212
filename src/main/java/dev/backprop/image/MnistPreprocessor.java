package dev.backprop.image;

import java.awt.image.BufferedImage;

/**
 * Turns a picture into an MNIST input the way MNIST itself was made (LeCun et al.): greyscale, bright
 * ink on black, the ink's bounding box scaled to fit 20×20 with anti-aliasing, then placed in a 28×28
 * field with its centre of mass at the centre. Each step is its own class, in the order
 * {@link Greyscale}, {@link Inversion}, {@link Levels}, {@link InkBounds}, {@link FitToBox},
 * {@link CentreOfMass}; last, the strongest ink is set to 255, as it is in MNIST.
 */
public final class MnistPreprocessor {

    private final PictureDecoder decoder;

    /** @param maxPixels most pixels (width × height) a picture may declare before it is decoded */
    public MnistPreprocessor(long maxPixels) {
        this.decoder = new PictureDecoder(maxPixels);
    }

    /**
     * The MNIST input for a PNG, JPEG, GIF or BMP file.
     *
     * @throws PictureException the file is empty, not a picture, too large, damaged, or has no ink
     */
    public MnistImage prepare(byte[] file) {
        PictureDecoder.Decoded decoded = decoder.decode(file);
        return prepare(decoded.image(), decoded.format());
    }

    /** The MNIST input for an already decoded picture. */
    public static MnistImage prepare(BufferedImage picture, String format) {
        Inversion.InkBright ink = Inversion.inkBright(Greyscale.of(picture));
        GreyImage levelled = Levels.stretch(ink.image(), ink.background());
        InkBounds.Box box = InkBounds.of(levelled)
                .orElseThrow(() -> new PictureException(PictureException.Reason.NO_INK, "the picture has no ink"));
        GreyImage fitted = FitToBox.fit(levelled.crop(box), FitToBox.MNIST_BOX);
        if (fitted.max() == 0) {
            throw new PictureException(
                    PictureException.Reason.NO_INK,
                    "the picture's ink is too faint or too sparse to show at 20×20 pixels");
        }
        GreyImage placed = CentreOfMass.place(fitted, CentreOfMass.MNIST_SIDE);
        return new MnistImage(strongestAt255(placed), format, picture.getWidth(), picture.getHeight(), ink.inverted());
    }

    /** Rounds to whole levels with the brightest pixel at 255. */
    static int[] strongestAt255(GreyImage image) {
        float max = image.max();
        float scale = max > 0 ? 255 / max : 0;
        int[] pixels = new int[image.values().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.min(255, Math.round(image.values()[i] * scale));
        }
        return pixels;
    }
}
