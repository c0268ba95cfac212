package dev.backprop.dataset;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads LeCun's IDX files, the format MNIST and Fashion-MNIST ship in: a big-endian magic number
 * {@code 0x0000 08 D} (unsigned bytes, D dimensions), D sizes, then the bytes. Images are
 * {@code 0x00000803} with sizes count × rows × columns; labels are {@code 0x00000801} with a count.
 * Gzip-compressed files are recognised by their own magic bytes and read through.
 */
public final class IdxFormat {

    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxFormat() {}

    /** The images of an IDX file: {@code count × rows × columns} bytes, row-major. */
    public record Images(int count, int rows, int columns, byte[] pixels) {}

    /** The header of an images file: count, rows and columns, without reading the pixels. */
    public record ImagesHeader(int count, int rows, int columns) {}

    public static ImagesHeader readImagesHeader(InputStream raw, String part) throws IOException {
        try (DataInputStream in = new DataInputStream(decompressed(raw))) {
            return imagesHeader(in, part);
        }
    }

    private static ImagesHeader imagesHeader(DataInputStream in, String part) throws IOException {
        int magic = readHeader(in, part);
        if (magic != IMAGES_MAGIC) {
            throw new InvalidDatasetException(part + ": not an IDX images file (magic number 0x"
                    + String.format("%08X", magic) + ", expected 0x00000803)");
        }
        return new ImagesHeader(
                readSize(in, part, "image count"), readSize(in, part, "rows"), readSize(in, part, "columns"));
    }

    /**
     * Reads an images file, checking its magic number and that it holds exactly the bytes it declares.
     *
     * @param part named in error messages, e.g. "trainImages"
     */
    public static Images readImages(InputStream raw, String part) throws IOException {
        try (DataInputStream in = new DataInputStream(decompressed(raw))) {
            ImagesHeader header = imagesHeader(in, part);
            int count = header.count();
            int rows = header.rows();
            int columns = header.columns();
            long bytes = (long) count * rows * columns;
            if (bytes > Integer.MAX_VALUE - 16) {
                throw new InvalidDatasetException(
                        part + ": declares " + count + " images of " + rows + "×" + columns + ", too large to hold");
            }
            byte[] pixels = readExactly(in, (int) bytes, part, count + " images of " + rows + "×" + columns);
            return new Images(count, rows, columns, pixels);
        }
    }

    /** Reads a labels file, checking its magic number and that it holds exactly the labels it declares. */
    public static byte[] readLabels(InputStream raw, String part) throws IOException {
        try (DataInputStream in = new DataInputStream(decompressed(raw))) {
            int magic = readHeader(in, part);
            if (magic != LABELS_MAGIC) {
                throw new InvalidDatasetException(part + ": not an IDX labels file (magic number 0x"
                        + String.format("%08X", magic) + ", expected 0x00000801)");
            }
            int count = readSize(in, part, "label count");
            return readExactly(in, count, part, count + " labels");
        }
    }

    /** Wraps the stream in a gzip reader when it starts with gzip's magic bytes 1F 8B. */
    static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1F && second == 0x8B) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private static int readHeader(DataInputStream in, String part) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new InvalidDatasetException(part + ": empty or shorter than an IDX header");
        } catch (ZipException e) {
            throw new InvalidDatasetException(part + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static int readSize(DataInputStream in, String part, String what) throws IOException {
        int size;
        try {
            size = in.readInt();
        } catch (EOFException e) {
            throw new InvalidDatasetException(part + ": the IDX header ends before the " + what);
        }
        if (size < 0) {
            throw new InvalidDatasetException(part + ": negative " + what + " " + size);
        }
        return size;
    }

    private static byte[] readExactly(DataInputStream in, int length, String part, String declared) throws IOException {
        byte[] bytes = new byte[length];
        int read;
        try {
            read = in.readNBytes(bytes, 0, length);
        } catch (EOFException e) {
            // GZIPInputStream signals a stream cut short with EOFException.
            throw new InvalidDatasetException(part + ": the gzip data ends early (truncated file)", e);
        } catch (ZipException e) {
            throw new InvalidDatasetException(part + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        if (read < length) {
            throw new InvalidDatasetException(
                    part + ": declares " + declared + " (" + length + " bytes) but holds only " + read + " bytes");
        }
        try {
            if (in.read() != -1) {
                throw new InvalidDatasetException(part + ": holds more bytes than the " + declared + " it declares");
            }
        } catch (EOFException e) {
            throw new InvalidDatasetException(part + ": the gzip data ends early (truncated file)", e);
        }
        return bytes;
    }
}
