package dev.backprop.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The tile kernels' zero listing, eight inputs at a time: which of eight inputs hold a non-zero as the
 * bits of a byte, and the positions of those bits appended to an index list with one vector store from
 * a table. The lists are the ones the one-input-at-a-time loop wrote, in the same order, so no product
 * changes by a bit. That loop, eight dependent steps a block, took as many profile samples as the
 * products it fed on float pixels and 28–43% of the raw-pixel kernel's. The seed network's hidden layer
 * on the 10,000 test images, one thread, JVMs alternating (2026-12-05, the project's 2-core machine,
 * whose speed drifted by a fifth meanwhile): float pixels 6.1–9.8 ms against 8.6–11.2, raw pixels
 * 5.2–8.9 ms against 6.8–10.4, faster in 9 of 10 pairs.
 */
final class NonZeroBlocks {

    /** Inputs a block covers; an index list needs this much room past its last entry. */
    static final int BLOCK = 8;

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    /** Row m (eight entries from 8m): the positions of m's set bits in order, then zeros. */
    private static final int[] POSITIONS = positions();

    private static final IntVector LANE_SHIFTS = IntVector.zero(I).addIndex(1);

    private NonZeroBlocks() {}

    /**
     * Appends {@code block + p} to {@code index} from {@code count} for every set bit p of {@code mask},
     * lowest first, and answers the new count. Writes eight entries whatever the mask: {@code index} needs
     * {@link #BLOCK} entries of room past the list's end.
     */
    static int append(int[] index, int count, int block, int mask) {
        IntVector.fromArray(I, POSITIONS, mask * BLOCK).add(block).intoArray(index, count);
        return count + Integer.bitCount(mask);
    }

    /** Bit j set where byte j of {@code eight} (little-endian) is not zero. */
    static int nonZeroBytes(long eight) {
        long high = (eight | ((eight & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL)) & 0x8080808080808080L;
        return (int) (((high >>> 7) * 0x0102040810204080L) >>> 56);
    }

    /**
     * Bit j set where lane j of {@code magnitudes} is not zero; its lanes are absolute values (no sign bit),
     * so a lane is zero exactly when its bits are.
     */
    static int nonZeroLanes(FloatVector magnitudes) {
        return magnitudes
                .reinterpretAsInts()
                .min(1)
                .lanewise(VectorOperators.LSHL, LANE_SHIFTS)
                .reduceLanes(VectorOperators.OR);
    }

    private static int[] positions() {
        int[] table = new int[256 * BLOCK];
        for (int mask = 0; mask < 256; mask++) {
            int k = 0;
            for (int bit = 0; bit < BLOCK; bit++) {
                if ((mask >>> bit & 1) != 0) {
                    table[mask * BLOCK + k++] = bit;
                }
            }
        }
        return table;
    }
}
