package dev.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The eight-at-a-time zero listing against the one-at-a-time loop it replaced. */
class NonZeroBlocksTest {

    @BeforeAll
    static void vectorApi() {
        assumeTrue(
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "skipped: the JVM runs without --add-modules jdk.incubator.vector");
    }

    @Test
    void everyMaskAppendsItsBitsInOrderAfterTheListSoFar() {
        for (int m = 0; m < 256; m++) {
            int mask = m;
            int[] index = new int[3 + NonZeroBlocks.BLOCK];
            index[0] = 1;
            index[1] = 2;
            index[2] = 3;
            int count = NonZeroBlocks.append(index, 3, 40, mask);
            int[] expected = java.util.stream.IntStream.range(0, 8)
                    .filter(bit -> (mask >>> bit & 1) != 0)
                    .map(bit -> 40 + bit)
                    .toArray();
            assertThat(count).isEqualTo(3 + expected.length);
            assertThat(Arrays.copyOfRange(index, 0, count)).startsWith(1, 2, 3).endsWith(expected);
        }
    }

    @Test
    void bytesThatAreNotZeroAreTheMasksBits() {
        Random random = new Random(7);
        for (int k = 0; k < 10_000; k++) {
            byte[] bytes = new byte[8];
            long eight = 0;
            int expected = 0;
            for (int j = 0; j < 8; j++) {
                // zeros, ink and the byte values a carry or a sign could confuse
                int choice = random.nextInt(5);
                bytes[j] = (byte) (choice < 2 ? 0 : choice == 2 ? 0x80 : choice == 3 ? 0x01 : random.nextInt(256));
                eight |= (bytes[j] & 0xFFL) << (8 * j);
                expected |= bytes[j] != 0 ? 1 << j : 0;
            }
            assertThat(NonZeroBlocks.nonZeroBytes(eight))
                    .as(Arrays.toString(bytes))
                    .isEqualTo(expected);
        }
    }

    @Test
    void lanesThatAreNotZeroAreTheMasksBits() {
        Random random = new Random(11);
        float[] values = new float[8];
        for (int k = 0; k < 10_000; k++) {
            int expected = 0;
            for (int j = 0; j < 8; j++) {
                int choice = random.nextInt(5);
                values[j] = choice == 0
                        ? 0f
                        : choice == 1
                                ? -0f
                                : choice == 2 ? Float.MIN_VALUE : choice == 3 ? Float.NaN : random.nextFloat();
                expected |= values[j] != 0 || Float.isNaN(values[j]) ? 1 << j : 0; // NaN counts, as it did
            }
            FloatVector magnitudes =
                    FloatVector.fromArray(VectorKernels.S, values, 0).abs();
            assertThat(NonZeroBlocks.nonZeroLanes(magnitudes))
                    .as(Arrays.toString(values))
                    .isEqualTo(expected);
        }
    }
}
