package dev.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The non-zero pixel lists: made in parts and joined, they are the list made at once, middles included. */
class SparsePixelsTest {

    private static final int FEATURES = 30;

    @Test
    void listsMadeInPartsAndJoinedAreTheListMadeAtOnce() {
        Random random = new Random(4);
        int count = 57;
        byte[] pixels = new byte[count * FEATURES];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(3) == 0 ? (byte) (1 + random.nextInt(255)) : 0;
        }
        java.util.Arrays.fill(pixels, 5 * FEATURES, 7 * FEATURES, (byte) 0); // two images without ink
        int[] cuts = {0, 1, 16, 16, 40, count};
        SparsePixels[] parts = new SparsePixels[cuts.length - 1];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = SparsePixels.of(pixels, cuts[p] * FEATURES, cuts[p + 1] - cuts[p], FEATURES);
        }

        SparsePixels joined = SparsePixels.joined(parts, FEATURES);
        SparsePixels whole = SparsePixels.of(pixels, count, FEATURES);

        assertSameList(joined, whole);
        assertThat(joined.split()).isEqualTo(whole.split());
    }

    /** The same images' entries and middles; the arrays may differ past the last entry. */
    private static void assertSameList(SparsePixels actual, SparsePixels expected) {
        int entries = expected.start()[expected.start().length - 1];
        assertThat(actual.start()).isEqualTo(expected.start());
        assertThat(actual.middle()).isEqualTo(expected.middle());
        assertThat(java.util.Arrays.copyOf(actual.index(), entries))
                .isEqualTo(java.util.Arrays.copyOf(expected.index(), entries));
        assertThat(java.util.Arrays.copyOf(actual.value(), entries))
                .isEqualTo(java.util.Arrays.copyOf(expected.value(), entries));
    }

    @Test
    void aJoinReusesAnEarlierListsArraysWhenTheyFitAndGivesTheSameList() {
        Random random = new Random(8);
        byte[] sparser = new byte[20 * FEATURES];
        byte[] denser = new byte[20 * FEATURES];
        for (int i = 0; i < sparser.length; i++) {
            sparser[i] = random.nextInt(5) == 0 ? (byte) 9 : 0;
            denser[i] = random.nextInt(2) == 0 ? (byte) 7 : 0;
        }
        SparsePixels first = SparsePixels.joined(parts(denser), FEATURES, null);
        SparsePixels second = SparsePixels.joined(parts(sparser), FEATURES, first);
        assertThat(second.index()).isSameAs(first.index());
        assertThat(second.middle()).isSameAs(first.middle());
        assertSameList(second, SparsePixels.of(sparser, 20, FEATURES));

        // Too small for a denser set: new arrays, the old ones untouched.
        SparsePixels small = SparsePixels.joined(parts(sparser), FEATURES, null);
        char[] before = small.index().clone();
        SparsePixels grown = SparsePixels.joined(parts(denser), FEATURES, small);
        assertThat(grown.index()).isNotSameAs(small.index());
        assertThat(small.index()).isEqualTo(before);
    }

    private static SparsePixels[] parts(byte[] pixels) {
        return new SparsePixels[] {
            SparsePixels.of(pixels, 0, 7, FEATURES), SparsePixels.of(pixels, 7 * FEATURES, 13, FEATURES)
        };
    }
}
