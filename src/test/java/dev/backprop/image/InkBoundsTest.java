package dev.backprop.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class InkBoundsTest {

    @Test
    void findsTheBoxAroundTheInk() {
        GreyImage image =
                Greyscale.of(Pictures.draw(80, 60, java.awt.image.BufferedImage.TYPE_INT_RGB, Color.BLACK, g -> {
                    g.setColor(Color.WHITE);
                    g.fillRect(10, 5, 3, 4);
                    g.fillRect(40, 30, 2, 20);
                }));

        assertThat(InkBounds.of(image)).contains(new InkBounds.Box(10, 5, 32, 45));
    }

    @Test
    void aSinglePixelIsAOneByOneBox() {
        float[] values = new float[25];
        values[2 * 5 + 3] = 0.5f;

        assertThat(InkBounds.of(new GreyImage(5, 5, values))).contains(new InkBounds.Box(3, 2, 1, 1));
    }

    @Test
    void aBlankImageHasNoBox() {
        assertThat(InkBounds.of(GreyImage.blank(10, 10))).isEmpty();
    }

    @Test
    void croppingKeepsTheInkAndOnlyTheInk() {
        GreyImage image = Greyscale.of(Pictures.rectangle(30, 30, Color.BLACK, Color.WHITE, 7, 9, 5, 11));
        InkBounds.Box box = InkBounds.of(image).orElseThrow();

        GreyImage cropped = image.crop(box);

        assertThat(cropped.width()).isEqualTo(5);
        assertThat(cropped.height()).isEqualTo(11);
        for (float value : cropped.values()) {
            assertThat(value).isEqualTo(255f);
        }
    }
}
