package dev.backprop.process;

import dev.backprop.dataset.IdxFiles;
import dev.backprop.dataset.RealMnist;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The first examples of the real MNIST ({@link RealMnist#folder()}), read straight from its gzipped IDX
 * files without loading the rest; synthetic digits where it is absent, so that a test uploading a small
 * dataset runs either way.
 *
 * @param pixels 784 bytes per example, row-major
 * @param labels one byte per example
 * @param real   whether these are MNIST's own digits
 */
record MnistSample(byte[] pixels, byte[] labels, boolean real) {

    /** The first {@code count} examples of the split ({@code train} or {@code t10k}). */
    static MnistSample first(String split, int count) throws IOException {
        Path images = RealMnist.folder().resolve(split + "-images-idx3-ubyte.gz");
        Path labels = RealMnist.folder().resolve(split + "-labels-idx1-ubyte.gz");
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
            byte[][] synthetic = IdxFiles.syntheticDigits(count, split.hashCode());
            return new MnistSample(synthetic[0], synthetic[1], false);
        }
        return new MnistSample(read(images, 16, count * 784), read(labels, 8, count), true);
    }

    byte[] idxImages() {
        return IdxFiles.images(pixels, labels.length, 28, 28);
    }

    byte[] idxLabels() {
        return IdxFiles.labels(labels);
    }

    byte[] csv() {
        return IdxFiles.csv(pixels, labels, true);
    }

    /** {@code length} bytes after a header of {@code header} bytes. */
    private static byte[] read(Path gzipped, int header, int length) throws IOException {
        try (InputStream raw = Files.newInputStream(gzipped);
                DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            in.skipNBytes(header);
            return in.readNBytes(length);
        }
    }
}
