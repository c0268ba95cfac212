package dev.backprop.engine.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each distortion on small synthetic images, against pixels worked out by hand. */
class DistortionTest {

    private static final int SIDE = Distortion.SIDE;

    private static byte[] dot(int x, int y) {
        byte[] image = new byte[SIDE * SIDE];
        image[y * SIDE + x] = (byte) 200;
        return image;
    }

    private static byte[] apply(Distortion distortion, byte[] image) {
        byte[] out = new byte[SIDE * SIDE];
        distortion.apply(image, 0, out, 0);
        return out;
    }

    private static int at(byte[] image, int x, int y) {
        return image[y * SIDE + x] & 0xFF;
    }

    private static int ink(byte[] image) {
        int sum = 0;
        for (byte b : image) {
            sum += b & 0xFF;
        }
        return sum;
    }

    @Test
    void theIdentityChangesNothing() {
        byte[] image = dot(3, 17);
        image[100] = 17;
        assertThat(apply(Distortion.none(), image)).isEqualTo(image);
    }

    @Test
    void aShiftMovesADotByTheShift() {
        byte[] moved = apply(new Distortion(2, -1, 0, 1, null), dot(10, 10));
        assertThat(at(moved, 12, 9)).isEqualTo(200);
        assertThat(ink(moved)).isEqualTo(200);
    }

    @Test
    void aShiftPastTheEdgeLeavesBackground() {
        assertThat(ink(apply(new Distortion(3, 0, 0, 1, null), dot(26, 5)))).isZero();
    }

    @Test
    void aQuarterTurnMapsRowsToColumns() {
        byte[] row = new byte[SIDE * SIDE];
        for (int x = 0; x < SIDE; x++) {
            row[5 * SIDE + x] = (byte) 255;
        }
        byte[] turned = apply(new Distortion(0, 0, Math.PI / 2, 1, null), row);
        // About the centre (13.5, 13.5), row 5 lies 8.5 above it; a counter-clockwise quarter turn as the
        // image is seen puts it 8.5 left of it: column 5, every row.
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                assertThat(at(turned, x, y)).as("(%d, %d)", x, y).isEqualTo(x == 5 ? 255 : 0);
            }
        }
    }

    @Test
    void scalingAboutTheCentreMovesAPointAwayFromIt() {
        // Magnified twice about 13.5, the dot at (11, 13) is centred on 13.5 + 2·(11 − 13.5) = 8.5 across:
        // output column x reads input column 13.5 + (x − 13.5)/2, so columns 7, 8, 9, 10 read 10.25, 10.75,
        // 11.25, 11.75 and take 1/4, 3/4, 3/4, 1/4 of the dot; output row 13 reads row 13.25, 3/4 of it.
        // 200 · 3/4 · (1/4, 3/4, 3/4, 1/4) = 37.5, 112.5, 112.5, 37.5, rounded half up.
        byte[] scaled = apply(new Distortion(0, 0, 0, 2, null), dot(11, 13));
        assertThat(new int[] {at(scaled, 7, 13), at(scaled, 8, 13), at(scaled, 9, 13), at(scaled, 10, 13)})
                .containsExactly(38, 113, 113, 38);
        assertThat(at(scaled, 11, 13)).isZero();
    }

    @Test
    void anElasticFieldWithAlphaZeroIsTheIdentity() {
        SplittableRandom random = new SplittableRandom(5);
        DisplacementFields fields = DisplacementFields.draw(3, 0, 4, random);
        byte[] image = dot(7, 20);
        assertThat(apply(new Distortion(0, 0, 0, 1, fields.field(1, true, false)), image))
                .isEqualTo(image);
    }

    @Test
    void aUniformFieldShiftsLikeAShift() {
        float[] right = new float[SIDE * SIDE];
        float[] none = new float[SIDE * SIDE];
        java.util.Arrays.fill(right, -3f);
        byte[] moved = apply(new Distortion(0, 0, 0, 1, new Distortion.Field(right, none, 1, 1)), dot(4, 4));
        // Each output pixel reads 3 to its left: the dot appears 3 to the right.
        assertThat(at(moved, 7, 4)).isEqualTo(200);
    }

    @Test
    void elasticFieldsAreSmoothAndOfTheAskedSize() {
        DisplacementFields fields = DisplacementFields.draw(200, 34, 4, new SplittableRandom(1));
        double sumSquares = 0;
        double neighbourDifference = 0;
        int n = 0;
        for (int k = 0; k < fields.count(); k++) {
            float[] dx = fields.field(k, false, false).dx();
            for (int i = 0; i < SIDE * SIDE - 1; i++) {
                sumSquares += dx[i] * dx[i];
                if ((i + 1) % SIDE != 0) {
                    neighbourDifference += Math.abs(dx[i + 1] - dx[i]);
                    n++;
                }
            }
        }
        double rms = Math.sqrt(sumSquares / (fields.count() * (SIDE * SIDE - 1)));
        // U(−1,1) has variance 1/3; a normalised 2-D Gaussian of σ = 4 keeps about 1/(4πσ²) of it in the
        // interior, so α = 34 gives an rms of 34·√(1/(3·4π·16)) ≈ 2.4 pixels, less at the zero-padded edges.
        assertThat(rms).isBetween(1.2, 2.6);
        assertThat(neighbourDifference / n).isLessThan(rms / 3);
    }

    @Test
    void theGaussianKernelIsNormalisedAndSymmetric() {
        float[] kernel = DisplacementFields.gaussian(2);
        assertThat(kernel).hasSize(13);
        double sum = 0;
        for (float k : kernel) {
            sum += k;
        }
        assertThat(sum).isCloseTo(1, within(1e-6));
        assertThat(kernel[0]).isEqualTo(kernel[12]);
        assertThat(kernel[6]).isGreaterThan(kernel[5]);
    }
}
