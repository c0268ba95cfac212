package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IdxFormatTest {

    private static final byte[] PIXELS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    @Test
    void readsRawAndGzippedImagesAlike() throws IOException {
        byte[] raw = IdxFiles.images(PIXELS, 3, 2, 2);
        IdxFormat.Images plain = IdxFormat.readImages(new ByteArrayInputStream(raw), "images");
        IdxFormat.Images gzipped = IdxFormat.readImages(new ByteArrayInputStream(IdxFiles.gzip(raw)), "images");
        assertThat(plain.count()).isEqualTo(3);
        assertThat(plain.rows()).isEqualTo(2);
        assertThat(plain.pixels()).isEqualTo(PIXELS);
        assertThat(gzipped.pixels()).isEqualTo(PIXELS);
    }

    @Test
    void readsLabels() throws IOException {
        byte[] labels = IdxFormat.readLabels(new ByteArrayInputStream(IdxFiles.labels(new byte[] {7, 2, 1})), "labels");
        assertThat(labels).containsExactly(7, 2, 1);
    }

    @Test
    void refusesAWrongMagicNumber() {
        byte[] labelsAsImages = IdxFiles.labels(new byte[] {1, 2});
        assertThatThrownBy(() -> IdxFormat.readImages(new ByteArrayInputStream(labelsAsImages), "trainImages"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("trainImages")
                .hasMessageContaining("magic number 0x00000801");
    }

    @Test
    void refusesFewerBytesThanDeclared() {
        byte[] raw = IdxFiles.images(PIXELS, 4, 2, 2); // declares 16 pixels, holds 12
        assertThatThrownBy(() -> IdxFormat.readImages(new ByteArrayInputStream(raw), "testImages"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("declares 4 images of 2×2 (16 bytes) but holds only 12 bytes");
    }

    @Test
    void refusesMoreBytesThanDeclared() {
        byte[] raw = IdxFiles.images(PIXELS, 2, 2, 2);
        assertThatThrownBy(() -> IdxFormat.readImages(new ByteArrayInputStream(raw), "testImages"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("more bytes");
    }

    @Test
    void refusesGzipThatEndsEarly() {
        byte[] gzipped = IdxFiles.gzip(IdxFiles.images(new byte[3000], 30, 10, 10));
        byte[] truncated = Arrays.copyOf(gzipped, gzipped.length - 12);
        assertThatThrownBy(() -> IdxFormat.readImages(new ByteArrayInputStream(truncated), "trainImages"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("trainImages")
                .hasMessageContaining("ends early");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> IdxFormat.readLabels(new ByteArrayInputStream(new byte[0]), "trainLabels"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusesImagesOfAnotherSizeBeforeReadingThem() {
        byte[] raw = IdxFiles.images(PIXELS, 3, 2, 2);
        assertThatThrownBy(() -> IdxFormat.readImages(
                        new ByteArrayInputStream(raw), "trainImages", new IdxFormat.Expected(28, 28, 100)))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessage("trainImages: images are 2×2, expected 28×28");
    }

    @Test
    void aSmallFileCannotClaimMoreImagesThanTheLimit() {
        // The header alone claims 1,000,000 images of 28×28: refused before 784 MB are allocated.
        byte[] header = IdxFiles.images(new byte[0], 1_000_000, 28, 28);
        assertThatThrownBy(() -> IdxFormat.readImages(
                        new ByteArrayInputStream(header), "trainImages", new IdxFormat.Expected(28, 28, 60_000)))
                .isInstanceOf(DatasetTooLargeException.class)
                .hasMessageContaining("declares 1000000 images, more than the limit of 60000");
        byte[] labels = IdxFiles.labels(new byte[0]);
        labels[7] = 100; // the count's low byte
        assertThatThrownBy(() -> IdxFormat.readLabels(new ByteArrayInputStream(labels), "trainLabels", 50))
                .isInstanceOf(DatasetTooLargeException.class)
                .hasMessageContaining("declares 100 labels");
    }

    @Test
    void refusesGzipWhoseChecksumIsWrong() {
        byte[] gzipped = IdxFiles.gzip(IdxFiles.labels(new byte[] {1, 2, 3}));
        gzipped[gzipped.length - 8] ^= 1; // the CRC-32 in the trailer
        assertThatThrownBy(() -> IdxFormat.readLabels(new ByteArrayInputStream(gzipped), "testLabels"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("testLabels: corrupt gzip data");
    }

    @Test
    void namesTheOtherKindWhenImagesAndLabelsAreSwapped() {
        byte[] images = IdxFiles.images(PIXELS, 3, 2, 2);
        assertThatThrownBy(() -> IdxFormat.readLabels(new ByteArrayInputStream(images), "trainLabels"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("this is an images file");
    }

    @Test
    void refusesGarbageThatStartsLikeGzip() {
        byte[] garbage = {0x1F, (byte) 0x8B, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertThatThrownBy(() -> IdxFormat.readImages(new ByteArrayInputStream(garbage), "testImages"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageStartingWith("testImages: ");
    }
}
