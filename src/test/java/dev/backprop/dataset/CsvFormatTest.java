package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvFormatTest {

    private static final byte[][] DIGITS = IdxFiles.syntheticDigits(5, 11);

    private static LabeledImages read(byte[] csv) throws IOException {
        return CsvFormat.read(new ByteArrayInputStream(csv), "train", 10, 1000);
    }

    private static LabeledImages read(String csv) throws IOException {
        return read(csv.getBytes(StandardCharsets.UTF_8));
    }

    /** One row: the label, then 784 copies of {@code pixel}. */
    private static String row(String label, String pixel) {
        return label + "," + String.join(",", Collections.nCopies(784, pixel));
    }

    @Test
    void readsTheSameImagesAsTheIdxFiles() throws IOException {
        LabeledImages images = read(IdxFiles.csv(DIGITS[0], DIGITS[1], false));
        assertThat(images.count()).isEqualTo(5);
        assertThat(images.labels()).isEqualTo(DIGITS[1]);
        assertThat(images.pixels()).isEqualTo(DIGITS[0]);
    }

    @Test
    void skipsAHeaderBlankLinesCarriageReturnsAndAByteOrderMark() throws IOException {
        String csv = "\uFEFF"
                + new String(IdxFiles.csv(DIGITS[0], DIGITS[1], true), StandardCharsets.US_ASCII).replace("\n", "\r\n")
                + "\r\n\r\n";
        LabeledImages images = read(csv);
        assertThat(images.labels()).isEqualTo(DIGITS[1]);
        assertThat(images.pixels()).isEqualTo(DIGITS[0]);
    }

    @Test
    void readsGzippedCsvAndSpacesAroundValues() throws IOException {
        String spaced = row(" 7 ", " 255") + "\n";
        LabeledImages images = read(IdxFiles.gzip(spaced.getBytes(StandardCharsets.US_ASCII)));
        assertThat(images.labels()).containsExactly(7);
        assertThat(images.pixels()).hasSize(784).containsOnly((byte) 255);
    }

    @Test
    void labelsMayGoUpToTheDeclaredClasses() throws IOException {
        byte[] csv = (row("25", "0") + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(CsvFormat.read(new ByteArrayInputStream(csv), "train", 26, 10)
                        .labels())
                .containsExactly(25);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a short row              | 3,0,0,0                              | line 2: has 4 values; expected 785
            a pixel that is a word   | 3,0,x                                | line 2: pixel 1 (value 3) is 'x', not a whole number 0–255
            a fraction               | 3,0.5                                | line 2: pixel 0 (value 2) is '0.5', not a whole number
            a negative pixel         | 3,-1                                 | line 2: pixel 0 (value 2) is '-1', not a whole number
            a pixel over 255         | 3,256                                | line 2: pixel 0 (value 2) is 256, outside 0–255
            a huge pixel             | 3,123456789012                       | line 2: pixel 0 (value 2) is 123456789012, outside 0–255
            an empty value           | 3,,0                                 | line 2: pixel 0 (value 2) is empty
            a label over 9           | 12,0                                 | line 2: the label (value 1) is 12, outside 0–9
            an empty label           | ,0                                   | line 2: the label (value 1) is empty
            """)
    void refusesABadSecondRowNamingTheLineAndTheValue(String what, String second, String message) {
        String csv = row("1", "0") + "\n" + second + "\n";
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageStartingWith("train: ")
                .hasMessageContaining(message);
    }

    @Test
    void refusesARowWithTooManyValues() {
        assertThatThrownBy(() -> read(row("1", "0") + ",0\n"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("line 1: has more than 785 values");
    }

    @Test
    void aLastRowWithoutItsNewlineCounts() throws IOException {
        assertThat(read(row("1", "0") + "\n" + row("2", "3")).labels()).containsExactly(1, 2);
    }

    @Test
    void aHeaderAloneHoldsNoRows() {
        assertThatThrownBy(() -> read("label,p0,p1\n"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("holds no rows");
    }

    @Test
    void aWordInTheFirstRowIsOnlyAHeaderWhenItIsTheFirstValue() {
        assertThatThrownBy(() -> read("5,0,zero\n"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("line 1: pixel 1 (value 3) is 'zero'");
    }

    @Test
    void refusesMoreRowsThanTheLimitAsTooLarge() {
        byte[] csv = IdxFiles.csv(DIGITS[0], DIGITS[1], false);
        assertThatThrownBy(() -> CsvFormat.read(new ByteArrayInputStream(csv), "test", 10, 4))
                .isInstanceOf(DatasetTooLargeException.class)
                .hasMessageContaining("test: holds more than 4 rows");
    }

    @Test
    void refusesGzipThatEndsEarly() {
        byte[] gzipped = IdxFiles.gzip(IdxFiles.csv(DIGITS[0], DIGITS[1], false));
        byte[] truncated = Arrays.copyOf(gzipped, gzipped.length / 2);
        assertThatThrownBy(() -> read(truncated))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("train: the gzip data ends early");
    }

    @Test
    void aLongLineOfGarbageCostsNoMemory() {
        // 50 MB of digits without a comma or newline: one value, refused without holding it.
        byte[] garbage = new byte[50_000_000];
        Arrays.fill(garbage, (byte) '7');
        assertThatThrownBy(() -> read(IdxFiles.gzip(garbage)))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("line 1: the label (value 1) is 77777777777777777777…, outside 0–9");
    }
}
