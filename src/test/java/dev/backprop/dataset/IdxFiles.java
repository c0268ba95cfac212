package dev.backprop.dataset;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests: real headers, synthetic but learnable 28×28 "digits". */
public final class IdxFiles {

    private IdxFiles() {}

    public static byte[] images(byte[] pixels, int count, int rows, int columns) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(IdxFormat.IMAGES_MAGIC);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(columns);
            out.write(pixels);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] labels(byte[] labels) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(IdxFormat.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] gzip(byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bytes)) {
                out.write(content);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The images as CSV, {@code label,p0,…,p783} per line, with a header line when asked. */
    public static byte[] csv(byte[] pixels, byte[] labels, boolean header) {
        StringBuilder text = new StringBuilder(labels.length * 2000);
        if (header) {
            text.append("label");
            for (int i = 0; i < 784; i++) {
                text.append(",pixel").append(i);
            }
            text.append('\n');
        }
        for (int e = 0; e < labels.length; e++) {
            text.append(labels[e]);
            for (int i = 0; i < 784; i++) {
                text.append(',').append(pixels[e * 784 + i] & 0xFF);
            }
            text.append('\n');
        }
        return text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * {@code count} images whose label decides where a bright 6×6 square sits (two rows of five places),
     * with background noise, so that even a small network learns them in an epoch or two.
     */
    public static byte[][] syntheticDigits(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * 784];
        byte[] labels = new byte[count];
        for (int e = 0; e < count; e++) {
            int label = random.nextInt(10);
            labels[e] = (byte) label;
            int top = 4 + (label / 5) * 12 + random.nextInt(3);
            int left = 1 + (label % 5) * 5 + random.nextInt(2);
            for (int r = top; r < top + 6; r++) {
                for (int c = left; c < Math.min(28, left + 5); c++) {
                    pixels[e * 784 + r * 28 + c] = (byte) (180 + random.nextInt(76));
                }
            }
            for (int k = 0; k < 20; k++) {
                pixels[e * 784 + random.nextInt(784)] = (byte) random.nextInt(120);
            }
        }
        return new byte[][] {pixels, labels};
    }

    /** Image {@code example} of {@link #syntheticDigits}' result as 784 pixels 0–255. */
    public static int[] pixels(byte[][] digits, int example) {
        int[] pixels = new int[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = digits[0][example * 784 + i] & 0xFF;
        }
        return pixels;
    }

    /** A dataset folder with the four standard files (gzipped) of synthetic digits. */
    public static void writeSyntheticDataset(Path folder, int training, int test) throws IOException {
        Files.createDirectories(folder);
        byte[][] train = syntheticDigits(training, 1);
        byte[][] tested = syntheticDigits(test, 2);
        Files.write(folder.resolve(BuiltInDataset.TRAIN_IMAGES + ".gz"), gzip(images(train[0], training, 28, 28)));
        Files.write(folder.resolve(BuiltInDataset.TRAIN_LABELS + ".gz"), gzip(labels(train[1])));
        Files.write(folder.resolve(BuiltInDataset.TEST_IMAGES), images(tested[0], test, 28, 28));
        Files.write(folder.resolve(BuiltInDataset.TEST_LABELS), labels(tested[1]));
    }
}
