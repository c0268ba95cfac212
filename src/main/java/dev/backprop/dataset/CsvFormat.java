package dev.backprop.dataset;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads labelled 28×28 images from CSV, one image per line: {@code label,p0,…,p783}, the pixels
 * row-major as whole numbers 0–255, the way the popular "mnist_train.csv" files are written. A first
 * line whose first value is not a number is a header and skipped; blank lines are skipped; gzip is read
 * through.
 *
 * <p>It parses bytes as they stream in and never holds more than one value's characters, so a line of
 * any length, or a gzip that inflates to gigabytes, costs no more memory than the images it declares;
 * the number of rows is capped by the limit.
 */
final class CsvFormat {

    static final int VALUES_PER_ROW = 1 + LabeledImages.PIXELS;
    /** Characters of a bad value quoted back in a message. */
    private static final int QUOTE_LIMIT = 20;

    private final String part;
    private final int classes;
    private final int maxRows;

    private byte[] pixels = new byte[LabeledImages.PIXELS * 1024];
    private byte[] labels = new byte[1024];
    private int rows;

    private int line = 1;
    /** Index of the value being read in the current line, from 0 (the label). */
    private int column;

    /** The value being read: its first characters (for messages), its digits' number, whether all are digits. */
    private final char[] text = new char[QUOTE_LIMIT + 1];

    private int textLength;
    private int number;
    private int digits;
    private boolean nonDigit;
    private boolean lineHasContent;
    private boolean headerPossible = true;
    private boolean skippingHeader;

    private CsvFormat(String part, int classes, int maxRows) {
        this.part = part;
        this.classes = classes;
        this.maxRows = maxRows;
    }

    /**
     * Reads every row of {@code raw}.
     *
     * @param part    named in error messages, e.g. "train"
     * @param classes labels must lie in 0 to classes − 1
     * @param maxRows more rows than this is a {@link DatasetTooLargeException}
     */
    static LabeledImages read(InputStream raw, String part, int classes, int maxRows) throws IOException {
        return new CsvFormat(part, classes, maxRows).readAll(raw);
    }

    private LabeledImages readAll(InputStream raw) throws IOException {
        InputStream in = IdxFormat.decompressed(raw, part);
        byte[] buffer = new byte[1 << 16];
        boolean first = true;
        int length;
        while ((length = fill(in, buffer)) > 0) {
            int from = 0;
            if (first) {
                first = false;
                from = byteOrderMarkLength(buffer, length);
            }
            for (int k = from; k < length; k++) {
                accept(buffer[k]);
            }
        }
        endOfLine();
        if (rows == 0) {
            throw new InvalidDatasetException(part, "holds no rows; expected label,p0,…,p783 per line");
        }
        return new LabeledImages(Arrays.copyOf(pixels, rows * LabeledImages.PIXELS), Arrays.copyOf(labels, rows));
    }

    private int fill(InputStream in, byte[] buffer) throws IOException {
        try {
            return in.read(buffer);
        } catch (EOFException e) {
            throw new InvalidDatasetException(part, "the gzip data ends early (truncated file)", e);
        } catch (ZipException e) {
            throw new InvalidDatasetException(part, "corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static int byteOrderMarkLength(byte[] buffer, int length) {
        boolean bom =
                length >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF;
        return bom ? 3 : 0;
    }

    private void accept(byte b) {
        if (b == '\n') {
            endOfLine();
            line++;
            return;
        }
        if (skippingHeader) {
            return;
        }
        if (b == ',') {
            endOfValue();
            column++;
            return;
        }
        if (b == '\r' || b == ' ' || b == '\t') {
            return;
        }
        lineHasContent = true;
        if (textLength < text.length) {
            text[textLength] = b >= 0x20 && b < 0x7F ? (char) b : '?';
        }
        textLength++;
        if (b >= '0' && b <= '9') {
            // Four digits already exceed every valid value; stop before the number overflows.
            number = digits < 4 ? number * 10 + (b - '0') : number;
            digits++;
        } else {
            nonDigit = true;
        }
    }

    private void clearValue() {
        textLength = 0;
        number = 0;
        digits = 0;
        nonDigit = false;
    }

    private void endOfValue() {
        if (skippingHeader) {
            return;
        }
        if (column == 0 && headerPossible && nonDigit) {
            // The first line names its columns: skip the rest of it.
            skippingHeader = true;
            clearValue();
            return;
        }
        headerPossible = false;
        if (column >= VALUES_PER_ROW) {
            throw invalid("has more than " + VALUES_PER_ROW + " values; expected a label and 784 pixels");
        }
        int value = value();
        if (column == 0) {
            if (value >= classes) {
                throw invalid("the label (value 1) is " + quoted() + ", outside 0–" + (classes - 1));
            }
            ensureRoom();
            labels[rows] = (byte) value;
        } else {
            pixels[rows * LabeledImages.PIXELS + column - 1] = (byte) value;
        }
        clearValue();
    }

    private void endOfLine() {
        if (skippingHeader) {
            skippingHeader = false;
            lineHasContent = false;
            column = 0;
            return;
        }
        if (!lineHasContent && column == 0) {
            return; // a blank line
        }
        endOfValue();
        if (skippingHeader) {
            // A header of a single value: the whole line was that header.
            skippingHeader = false;
        } else if (column + 1 != VALUES_PER_ROW) {
            throw invalid("has " + (column + 1) + " values; expected " + VALUES_PER_ROW + " (a label and 784 pixels)");
        } else {
            rows++;
        }
        lineHasContent = false;
        column = 0;
    }

    private void ensureRoom() {
        if (rows >= maxRows) {
            throw new DatasetTooLargeException(
                    part, "holds more than " + maxRows + " rows, the limit (backprop.datasets.max-examples)");
        }
        if (rows == labels.length) {
            int grown = Math.min(Math.max(labels.length * 2, 1024), maxRows);
            labels = Arrays.copyOf(labels, grown);
            pixels = Arrays.copyOf(pixels, grown * LabeledImages.PIXELS);
        }
    }

    private int value() {
        if (textLength == 0) {
            throw invalid(what() + " is empty");
        }
        if (nonDigit) {
            throw invalid(what() + " is '" + quoted() + "', not a whole number " + range());
        }
        int value = digits > 3 ? Integer.MAX_VALUE : number;
        if (column > 0 && value > 255) {
            throw invalid(what() + " is " + quoted() + ", outside " + range());
        }
        return value;
    }

    private String what() {
        return (column == 0 ? "the label" : "pixel " + (column - 1)) + " (value " + (column + 1) + ")";
    }

    private String range() {
        return column == 0 ? "0–" + (classes - 1) : "0–255";
    }

    /** The value being read as a message quotes it: its first characters only. */
    private String quoted() {
        return textLength > QUOTE_LIMIT ? new String(text, 0, QUOTE_LIMIT) + "…" : new String(text, 0, textLength);
    }

    private InvalidDatasetException invalid(String problem) {
        return new InvalidDatasetException(part, "line " + line + ": " + problem);
    }
}
