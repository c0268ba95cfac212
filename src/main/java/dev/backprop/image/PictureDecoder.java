package dev.backprop.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG, JPEG, GIF and BMP files with the JDK's ImageIO, recognising the format from the bytes
 * themselves. A few kilobytes can declare a picture of billions of pixels (a decompression bomb), so the
 * declared width and height are read from the header first and a picture over the limit is refused
 * before any pixel is decoded.
 */
public final class PictureDecoder {

    /** ImageIO's format names for the formats accepted, and how to call them in messages. */
    private static final Map<String, String> FORMATS = Map.of("png", "PNG", "jpeg", "JPEG", "gif", "GIF", "bmp", "BMP");

    private final long maxPixels;

    /** @param maxPixels most pixels (width × height) a picture may declare */
    public PictureDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, not " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /**
     * @param format the format's name: {@code PNG}, {@code JPEG}, {@code GIF} or {@code BMP}
     * @param image  the first (for a GIF, possibly the only) frame
     */
    public record Decoded(String format, BufferedImage image) {}

    /** The picture in {@code file}; for an animated GIF, its first frame. */
    public Decoded decode(byte[] file) {
        if (file == null || file.length == 0) {
            throw new PictureException(PictureException.Reason.EMPTY, "the file is empty");
        }
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            ImageReader reader = readerFor(input);
            try {
                String format = FORMATS.get(reader.getFormatName().toLowerCase(Locale.ROOT));
                reader.setInput(input, true, true);
                checkSize(format, reader.getWidth(0), reader.getHeight(0));
                return new Decoded(format, reader.read(0));
            } catch (IOException | RuntimeException e) {
                if (e instanceof PictureException picture) {
                    throw picture;
                }
                throw new PictureException(
                        PictureException.Reason.DAMAGED,
                        "the file looks like a "
                                + FORMATS.get(reader.getFormatName().toLowerCase(Locale.ROOT))
                                + " picture but cannot be decoded: it is damaged, cut short, or uses a variant"
                                + " that cannot be read",
                        e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory failed", e);
        }
    }

    private static ImageReader readerFor(ImageInputStream input) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (FORMATS.containsKey(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                return reader;
            }
            reader.dispose();
        }
        throw new PictureException(
                PictureException.Reason.NOT_A_PICTURE, "the file is not a PNG, JPEG, GIF or BMP picture");
    }

    private void checkSize(String format, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new PictureException(
                    PictureException.Reason.DAMAGED,
                    "the " + format + " picture declares a size of " + width + "×" + height + " pixels");
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new PictureException(
                    PictureException.Reason.TOO_LARGE,
                    "the " + format + " picture declares " + width + "×" + height + " = " + pixels
                            + " pixels, more than the " + maxPixels
                            + " that may be decoded");
        }
    }
}
