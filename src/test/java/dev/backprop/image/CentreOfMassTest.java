package dev.backprop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CentreOfMassTest {

    @Test
    void theCentreOfMassIsTheInkWeightedMeanPosition() {
        float[] values = new float[4 * 2];
        values[0] = 100; // (0, 0)
        values[1 * 4 + 3] = 300; // (3, 1)

        double[] centre = CentreOfMass.of(new GreyImage(4, 2, values));

        assertThat(centre[0]).isCloseTo(2.25, within(1e-9));
        assertThat(centre[1]).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void aLopsidedDigitIsPlacedByItsMassNotItsBox() {
        // A "T": a bar two rows deep along the top of its 20×20 box and a stem five pixels wide below it.
        GreyImage digit = tee(2, 5);

        GreyImage placed = CentreOfMass.place(digit, 28);

        double[] centre = CentreOfMass.of(placed);
        assertThat(placed.width()).isEqualTo(28);
        assertThat(centre[0]).isCloseTo(14, within(0.5));
        assertThat(centre[1]).isCloseTo(14, within(0.5));
        // Centring its box instead (4 pixels from the top) would leave its mass 2.5 pixels below the centre.
        assertThat(CentreOfMass.of(digit)[1] + 4).isLessThan(12);
        assertThat(sum(placed)).isEqualTo(sum(digit));
    }

    @Test
    void noInkIsPushedOutOfTheField() {
        // Top-heavy enough that centring its mass would move the box 3 pixels past the field's bottom.
        GreyImage digit = tee(4, 1);

        GreyImage placed = CentreOfMass.place(digit, 28);

        assertThat(CentreOfMass.of(placed)[1]).isCloseTo(CentreOfMass.of(digit)[1] + 8, within(1e-9));
        assertThat(sum(placed)).isEqualTo(sum(digit));
    }

    private static GreyImage tee(int barRows, int stemWidth) {
        float[] values = new float[20 * 20];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                boolean stem = x >= 10 - stemWidth / 2 && x <= 10 + (stemWidth - 1) / 2;
                if (y < barRows || stem) {
                    values[y * 20 + x] = 255;
                }
            }
        }
        return new GreyImage(20, 20, values);
    }

    @Test
    void aSymmetricDigitIsCentredExactly() {
        float[] values = new float[7 * 19];
        java.util.Arrays.fill(values, 200);
        GreyImage placed = CentreOfMass.place(new GreyImage(7, 19, values), 28);

        double[] centre = CentreOfMass.of(placed);

        // A block 7 wide and 19 high, its middle pixel moved to (14, 14): columns 11–17, rows 5–23.
        assertThat(centre[0]).isCloseTo(14, within(1e-9));
        assertThat(centre[1]).isCloseTo(14, within(1e-9));
        assertThat(placed.value(11, 5)).isEqualTo(200f);
        assertThat(placed.value(17, 23)).isEqualTo(200f);
        assertThat(placed.value(10, 5)).isEqualTo(0f);
        assertThat(placed.value(11, 4)).isEqualTo(0f);
    }

    private static double sum(GreyImage image) {
        double sum = 0;
        for (float value : image.values()) {
            sum += value;
        }
        return sum;
    }
}
