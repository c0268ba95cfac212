package dev.backprop.dataset;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file an uploaded dataset is stored in ({@code <id>.dataset}), format version 1, big-endian:
 *
 * <pre>
 * "BPDS"            4 bytes, magic
 * version           int, 1
 * metadata length   int, then that many bytes of UTF-8 JSON: the {@link UploadedDataset}
 * images            a gzip stream of: for the training split, then the test split,
 *                   int count · count labels (1 byte each) · count × 784 pixels (1 byte each)
 * </pre>
 *
 * The metadata comes first and uncompressed so that listing the store reads a few hundred bytes per
 * file; gzip's own CRC-32 and length trailer let a truncated or corrupted file be recognised.
 */
final class DatasetFile {

    static final int VERSION = 1;
    private static final int MAGIC = 0x42504453; // "BPDS"
    private static final int MAX_METADATA = 1 << 20;

    private final JsonMapper json;

    DatasetFile(JsonMapper json) {
        this.json = json;
    }

    byte[] write(UploadedDataset info, LabeledImages training, LabeledImages test) {
        try {
            ByteArrayOutputStream bytes =
                    new ByteArrayOutputStream(1024 + (training.pixels().length + test.pixels().length) / 4);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] metadata = json.writeValueAsBytes(info);
            out.writeInt(metadata.length);
            out.write(metadata);
            out.flush();
            try (DataOutputStream images = new DataOutputStream(fastGzip(bytes))) {
                writeSplit(images, training);
                writeSplit(images, test);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /** Most of the time goes into compressing; the fastest level already shrinks MNIST fivefold. */
    private static OutputStream fastGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private static void writeSplit(DataOutputStream out, LabeledImages split) throws IOException {
        out.writeInt(split.count());
        out.write(split.labels());
        out.write(split.pixels());
    }

    /**
     * The metadata, after checking the whole file without keeping its images: the compressed images
     * inflate to exactly the counts the metadata declares, and gzip's own CRC-32 matches. A damaged file
     * is found at start-up rather than by the first job that reads it.
     */
    UploadedDataset verify(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            UploadedDataset info = metadata(in);
            long expected =
                    2L * Integer.BYTES + ((long) info.trainingSize() + info.testSize()) * (1 + LabeledImages.PIXELS);
            long inflated = 0;
            try (GZIPInputStream images = new GZIPInputStream(in, 1 << 16)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = images.read(buffer); n >= 0; n = images.read(buffer)) {
                    inflated += n;
                }
            } catch (EOFException e) {
                throw new IOException("truncated: the images end early", e);
            } catch (java.util.zip.ZipException e) {
                throw new IOException("damaged images (" + e.getMessage() + ")", e);
            }
            if (inflated != expected) {
                throw new IOException("holds " + inflated + " bytes of images, its metadata declares " + expected);
            }
            return info;
        }
    }

    /** The metadata and both splits, checked against each other. */
    Contents read(Path file) throws IOException {
        return read(Files.newInputStream(file));
    }

    /** The same, from the stored bytes. */
    Contents read(byte[] content) throws IOException {
        return read(new java.io.ByteArrayInputStream(content));
    }

    private Contents read(InputStream stream) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16))) {
            UploadedDataset info = metadata(in);
            try (DataInputStream images = new DataInputStream(new GZIPInputStream(in, 1 << 16))) {
                LabeledImages training = readSplit(images, info.trainingSize(), "training");
                LabeledImages test = readSplit(images, info.testSize(), "test");
                if (images.read() != -1) {
                    throw new IOException("unexpected bytes after the test images");
                }
                LabeledImages.checkLabels(training.labels(), "training labels", info.classes());
                LabeledImages.checkLabels(test.labels(), "test labels", info.classes());
                return new Contents(info, training, test);
            } catch (EOFException e) {
                throw new IOException("truncated: the images end early", e);
            } catch (InvalidDatasetException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    record Contents(UploadedDataset info, LabeledImages training, LabeledImages test) {}

    private UploadedDataset metadata(DataInputStream in) throws IOException {
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Backprop dataset file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(
                        "dataset file version " + version + " is not supported (this build reads " + VERSION + ")");
            }
            int length = in.readInt();
            if (length <= 0 || length > MAX_METADATA) {
                throw new IOException("implausible metadata length " + length);
            }
            byte[] metadata = in.readNBytes(length);
            if (metadata.length < length) {
                throw new IOException("truncated: the metadata ends early");
            }
            return json.readValue(new String(metadata, StandardCharsets.UTF_8), UploadedDataset.class);
        } catch (EOFException e) {
            throw new IOException("truncated: shorter than its header", e);
        } catch (JacksonException e) {
            throw new IOException("unreadable metadata: " + e.getOriginalMessage(), e);
        }
    }

    private static LabeledImages readSplit(DataInputStream in, int expected, String split) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > Integer.MAX_VALUE / LabeledImages.PIXELS) {
            throw new IOException("implausible count of " + split + " images: " + count);
        }
        if (count != expected) {
            throw new IOException("holds " + count + " " + split + " images, its metadata says " + expected);
        }
        byte[] labels = readFully(in, count);
        byte[] pixels = readFully(in, count * LabeledImages.PIXELS);
        return new LabeledImages(pixels, labels);
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        if (in.readNBytes(bytes, 0, length) < length) {
            throw new EOFException();
        }
        return bytes;
    }
}
