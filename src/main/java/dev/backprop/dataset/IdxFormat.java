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
 *
 * <p>Every way a file can be wrong is an {@link InvalidDatasetException} naming the part; sizes are
 * checked against the limits before anything is allocated, so a small file cannot claim gigabytes.
 */
public final class IdxFormat {

    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxFormat() {}

    /** The images of an IDX file: {@code count × rows × columns} bytes, row-major. */
    public record Images(int count, int rows, int columns, byte[] pixels) {}

    /** The header of an images file: count, rows and columns, without reading the pixels. */
    public record ImagesHeader(int count, int rows, int columns) {}

    /** What an images file must declare: its image size and at most how many images. */
    public record Expected(int rows, int columns, int maxCount) {

        /** Any size and count that fit in memory. */
        public static final Expected ANY = new Expected(0, 0, Integer.MAX_VALUE);
    }

    public static ImagesHeader readImagesHeader(InputStream raw, String part) throws IOException {
        try (DataInputStream in = new DataInputStream(decompressed(raw, part))) {
            return imagesHeader(in, part);
        }
    }

    private static ImagesHeader imagesHeader(DataInputStream in, String part) throws IOException {
        int magic = readHeader(in, part);
        if (magic != IMAGES_MAGIC) {
            throw new InvalidDatasetException(
                    part,
                    "not an IDX images file (magic number " + hex(magic) + ", expected 0x00000803)"
                            + (magic == LABELS_MAGIC ? "; this is a labels file" : ""));
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
        return readImages(raw, part, Expected.ANY);
    }

    /**
     * Reads an images file as {@link #readImages(InputStream, String)} does, refusing before reading
     * the pixels a file whose images are not {@code expected}'s size or that declares too many.
     *
     * @throws DatasetTooLargeException more images than {@code expected.maxCount()}
     */
    public static Images readImages(InputStream raw, String part, Expected expected) throws IOException {
        try (DataInputStream in = new DataInputStream(decompressed(raw, part))) {
            ImagesHeader header = imagesHeader(in, part);
            int count = header.count();
            int rows = header.rows();
            int columns = header.columns();
            if (expected.rows() > 0 && (rows != expected.rows() || columns != expected.columns())) {
                throw new InvalidDatasetException(
                        part,
                        "images are " + rows + "×" + columns + ", expected " + expected.rows() + "×"
                                + expected.columns());
            }
            if (count > expected.maxCount()) {
                throw new DatasetTooLargeException(
                        part,
                        "declares " + count + " images, more than the limit of " + expected.maxCount()
                                + " (backprop.datasets.max-examples)");
            }
            long bytes = (long) count * rows * columns;
            if (bytes > Integer.MAX_VALUE - 16) {
                throw new DatasetTooLargeException(
                        part, "declares " + count + " images of " + rows + "×" + columns + ", too large to hold");
            }
            byte[] pixels = readExactly(in, (int) bytes, part, count + " images of " + rows + "×" + columns);
            return new Images(count, rows, columns, pixels);
        }
    }

    /** Reads a labels file, checking its magic number and that it holds exactly the labels it declares. */
    public static byte[] readLabels(InputStream raw, String part) throws IOException {
        return readLabels(raw, part, Integer.MAX_VALUE - 16);
    }

    /**
     * Reads a labels file as {@link #readLabels(InputStream, String)} does, refusing one that declares
     * more than {@code maxCount} labels before reading them.
     */
    public static byte[] readLabels(InputStream raw, String part, int maxCount) throws IOException {
        try (DataInputStream in = new DataInputStream(decompressed(raw, part))) {
            int magic = readHeader(in, part);
            if (magic != LABELS_MAGIC) {
                throw new InvalidDatasetException(
                        part,
                        "not an IDX labels file (magic number " + hex(magic) + ", expected 0x00000801)"
                                + (magic == IMAGES_MAGIC ? "; this is an images file" : ""));
            }
            int count = readSize(in, part, "label count");
            if (count > maxCount) {
                throw new DatasetTooLargeException(
                        part,
                        "declares " + count + " labels, more than the limit of " + maxCount
                                + " (backprop.datasets.max-examples)");
            }
            return readExactly(in, count, part, count + " labels");
        }
    }

    /** Wraps the stream in a gzip reader when it starts with gzip's magic bytes 1F 8B. */
    static InputStream decompressed(InputStream raw, String part) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1F && second == 0x8B) {
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (EOFException e) {
                throw new InvalidDatasetException(part, "the gzip data ends early (truncated file)", e);
            } catch (ZipException e) {
                throw new InvalidDatasetException(part, "corrupt gzip data (" + e.getMessage() + ")", e);
            }
        }
        return in;
    }

    private static int readHeader(DataInputStream in, String part) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new InvalidDatasetException(part, "empty or shorter than an IDX header");
        } catch (ZipException e) {
            throw new InvalidDatasetException(part, "corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static int readSize(DataInputStream in, String part, String what) throws IOException {
        int size;
        try {
            size = in.readInt();
        } catch (EOFException e) {
            throw new InvalidDatasetException(part, "the IDX header ends before the " + what);
        } catch (ZipException e) {
            throw new InvalidDatasetException(part, "corrupt gzip data (" + e.getMessage() + ")", e);
        }
        if (size < 0) {
            throw new InvalidDatasetException(part, "negative " + what + " " + size);
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
            throw new InvalidDatasetException(part, "the gzip data ends early (truncated file)", e);
        } catch (ZipException e) {
            throw new InvalidDatasetException(part, "corrupt gzip data (" + e.getMessage() + ")", e);
        }
        if (read < length) {
            throw new InvalidDatasetException(
                    part, "declares " + declared + " (" + length + " bytes) but holds only " + read + " bytes");
        }
        try {
            // Reading past the end also makes a gzip stream check its trailer: its CRC and length.
            if (in.read() != -1) {
                throw new InvalidDatasetException(part, "holds more bytes than the " + declared + " it declares");
            }
        } catch (EOFException e) {
            throw new InvalidDatasetException(part, "the gzip data ends early (truncated file)", e);
        } catch (ZipException e) {
            throw new InvalidDatasetException(part, "corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return bytes;
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }
}
