package dev.backprop.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Pictures the tests draw themselves with java.awt, and the files they are saved as. */
public final class Pictures {

    private Pictures() {}

    /** A picture of the given size and background, drawn on by {@code drawing} with anti-aliasing on. */
    public static BufferedImage draw(int width, int height, int type, Color background, Consumer<Graphics2D> drawing) {
        BufferedImage picture = new BufferedImage(width, height, type);
        Graphics2D graphics = picture.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            if (background != null) {
                graphics.setColor(background);
                graphics.fillRect(0, 0, width, height);
            }
            drawing.accept(graphics);
        } finally {
            graphics.dispose();
        }
        return picture;
    }

    /** A filled rectangle of {@code ink} on {@code background}. */
    public static BufferedImage rectangle(
            int width, int height, Color background, Color ink, int left, int top, int boxWidth, int boxHeight) {
        return draw(width, height, BufferedImage.TYPE_INT_RGB, background, graphics -> {
            graphics.setColor(ink);
            graphics.fillRect(left, top, boxWidth, boxHeight);
        });
    }

    /** A "7" drawn with a thick pen: a stroke along the top and a diagonal down to the bottom left. */
    public static BufferedImage seven(int width, int height, Color background, Color ink, float pen) {
        return draw(width, height, BufferedImage.TYPE_INT_RGB, background, graphics -> {
            graphics.setColor(ink);
            graphics.setStroke(new BasicStroke(pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            int left = width / 4;
            int right = width * 3 / 4;
            int top = height / 5;
            int bottom = height * 4 / 5;
            graphics.drawLine(left, top, right, top);
            graphics.drawLine(right, top, left + (right - left) / 4, bottom);
        });
    }

    public static byte[] encode(BufferedImage picture, String format) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(picture, format, bytes)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(BufferedImage picture) {
        return encode(picture, "png");
    }

    /** A JPEG at the given quality (0–1); JPEG has no alpha, so the picture must be RGB or grey. */
    public static byte[] jpeg(BufferedImage picture, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(output);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(picture, null, null), param);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * A genuine decompression bomb: a valid 1-bit greyscale PNG of {@code width × height} black pixels
     * whose compressed rows take a few hundred kilobytes, but which decodes to {@code width × height}
     * pixels.
     */
    public static byte[] pngBomb(int width, int height) {
        try {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            byte[] row = new byte[1 + (width + 7) / 8]; // filter type 0, then the row's bits, all zero
            try (DeflaterOutputStream deflate =
                    new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
                for (int y = 0; y < height; y++) {
                    deflate.write(row);
                }
            }
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(file);
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream ihdr = new DataOutputStream(header);
            ihdr.writeInt(width);
            ihdr.writeInt(height);
            ihdr.write(new byte[] {1, 0, 0, 0, 0}); // bit depth 1, greyscale, deflate, no filter, no interlace
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
