package dev.backprop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class GreyscaleTest {

    @Test
    void colourBecomesLumaWithRec601Weights() {
        BufferedImage picture = Pictures.draw(3, 1, BufferedImage.TYPE_INT_RGB, null, graphics -> {
            graphics.setColor(new Color(255, 0, 0));
            graphics.fillRect(0, 0, 1, 1);
            graphics.setColor(new Color(0, 255, 0));
            graphics.fillRect(1, 0, 1, 1);
            graphics.setColor(new Color(0, 0, 255));
            graphics.fillRect(2, 0, 1, 1);
        });

        GreyImage grey = Greyscale.of(picture);

        assertThat(grey.value(0, 0)).isCloseTo(0.299f * 255, within(0.01f));
        assertThat(grey.value(1, 0)).isCloseTo(0.587f * 255, within(0.01f));
        assertThat(grey.value(2, 0)).isCloseTo(0.114f * 255, within(0.01f));
    }

    @Test
    void greyPicturesKeepTheirLevels() {
        // Through RGB, the JDK would treat these levels as linear light and brighten 128 to about 188.
        BufferedImage picture = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0, 64, 128, 255};
        picture.getRaster().setSamples(0, 0, 4, 1, 0, levels);

        GreyImage grey = Greyscale.of(picture);

        assertThat(grey.values()).containsExactly(0f, 64f, 128f, 255f);
    }

    @Test
    void sixteenBitGreyIsScaledTo255() {
        BufferedImage picture = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        picture.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {65535, 0});

        assertThat(Greyscale.of(picture).values()).containsExactly(255f, 0f);
    }

    @Test
    void transparentAreasAreWhiteBehindDarkInk() {
        BufferedImage picture = Pictures.draw(10, 10, BufferedImage.TYPE_INT_ARGB, null, graphics -> {
            graphics.setColor(Color.BLACK);
            graphics.fillRect(4, 0, 2, 10);
        });

        GreyImage grey = Greyscale.of(picture);

        assertThat(grey.value(0, 5)).isEqualTo(255f);
        assertThat(grey.value(4, 5)).isEqualTo(0f);
    }

    @Test
    void transparentAreasAreBlackBehindLightInk() {
        BufferedImage picture = Pictures.draw(10, 10, BufferedImage.TYPE_INT_ARGB, null, graphics -> {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(4, 0, 2, 10);
        });

        GreyImage grey = Greyscale.of(picture);

        assertThat(grey.value(0, 5)).isEqualTo(0f);
        assertThat(grey.value(4, 5)).isEqualTo(255f);
    }
}
