package dev.backprop.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The grid's layout and colours, read back from the PNG. */
class ReceptiveFieldsTest {

    @Test
    void drawsEachUnitsWeightsAsATileInANearSquareGrid() throws Exception {
        int units = 5;
        float[] weights = new float[units * 784];
        weights[0] = 2f; // unit 0, pixel (0, 0): its largest weight, red
        weights[27] = -2f; // unit 0, pixel (27, 0): most negative, blue
        weights[4 * 784 + 28 * 14 + 14] = 0.5f; // unit 4's only weight, at (14, 14)

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ReceptiveFields.png(weights, units, 2)));

        // Five units: three columns, two rows of 2·28 + 1 pixels, and a one-pixel gutter around.
        assertThat(image.getWidth()).isEqualTo(3 * 57 + 1);
        assertThat(image.getHeight()).isEqualTo(2 * 57 + 1);
        assertThat(image.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(image.getRGB(1 + 27 * 2, 1) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(image.getRGB(1 + 5 * 2, 1 + 5 * 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        // Unit 4 sits in row 1, column 1; its own scale makes its one weight full red.
        assertThat(image.getRGB(1 + 57 + 28, 1 + 57 + 28) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x808080);
    }

    @Test
    void halfAWeightIsHalfwayToItsColour() {
        assertThat(ReceptiveFields.colour(0.5f)).isEqualTo(0xFF8080);
        assertThat(ReceptiveFields.colour(-0.5f)).isEqualTo(0x8080FF);
        assertThat(ReceptiveFields.colour(0f)).isEqualTo(0xFFFFFF);
    }
}
