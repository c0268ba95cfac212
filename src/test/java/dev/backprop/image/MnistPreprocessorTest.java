package dev.backprop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MnistPreprocessorTest {

    private final MnistPreprocessor preprocessor = new MnistPreprocessor(10_000_000);

    @Test
    void aDarkDigitOnWhiteBecomesABrightDigitFitTo20AndCentredByMass() {
        // A "7" in the top-left of a wide white picture.
        BufferedImage picture = Pictures.draw(
                600,
                300,
                BufferedImage.TYPE_INT_RGB,
                Color.WHITE,
                g -> g.drawImage(Pictures.seven(200, 200, Color.WHITE, Color.BLACK, 18), 20, 10, null));

        MnistImage image = preprocessor.prepare(Pictures.png(picture));

        assertThat(image.format()).isEqualTo("PNG");
        assertThat(image.width()).isEqualTo(600);
        assertThat(image.height()).isEqualTo(300);
        assertThat(image.inverted()).isTrue();
        GreyImage grey = grey(image);
        InkBounds.Box box = InkBounds.of(grey).orElseThrow();
        assertThat(Math.max(box.width(), box.height())).isEqualTo(20);
        double[] centre = CentreOfMass.of(grey);
        assertThat(centre[0]).isCloseTo(14, within(0.5));
        assertThat(centre[1]).isCloseTo(14, within(0.5));
        assertThat(grey.max()).isEqualTo(255f);
        assertThat(grey.value(0, 0)).isEqualTo(0f);
    }

    @Test
    void colouredInkOnColouredPaperSavedAsJpegGivesTheSameInput() {
        BufferedImage plain = Pictures.seven(280, 280, Color.WHITE, Color.BLACK, 24);
        BufferedImage coloured = Pictures.seven(280, 280, new Color(250, 235, 180), new Color(30, 40, 140), 24);

        MnistImage fromPng = preprocessor.prepare(Pictures.png(plain));
        MnistImage fromJpeg = preprocessor.prepare(Pictures.jpeg(coloured, 0.8f));

        assertThat(fromJpeg.format()).isEqualTo("JPEG");
        assertThat(fromJpeg.inverted()).isTrue();
        assertThat(meanAbsoluteDifference(fromPng, fromJpeg)).isLessThan(8);
    }

    @Test
    void aTransparentDrawingIsReadAsInkOnPaper() {
        BufferedImage opaque = Pictures.seven(280, 280, Color.WHITE, Color.BLACK, 24);
        BufferedImage transparent = Pictures.draw(280, 280, BufferedImage.TYPE_INT_ARGB, null, g -> {
            g.setColor(Color.BLACK);
            g.setStroke(new java.awt.BasicStroke(24, java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
            g.drawLine(70, 56, 210, 56);
            g.drawLine(210, 56, 105, 224);
        });

        assertThat(meanAbsoluteDifference(
                        preprocessor.prepare(Pictures.png(opaque)), preprocessor.prepare(Pictures.png(transparent))))
                .isLessThan(1);
    }

    @Test
    void anMnistStyleInputComesThroughAlmostUnchanged() {
        MnistImage first = preprocessor.prepare(Pictures.png(Pictures.seven(300, 300, Color.WHITE, Color.BLACK, 26)));
        BufferedImage asMnist = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        asMnist.getRaster().setSamples(0, 0, 28, 28, 0, first.pixels());

        MnistImage again = preprocessor.prepare(Pictures.png(asMnist));

        assertThat(again.inverted()).isFalse();
        assertThat(meanAbsoluteDifference(first, again)).isLessThan(6);
    }

    @Test
    void aPictureWithoutInkIsRefusedSayingSo() {
        byte[] blank = Pictures.png(Pictures.rectangle(100, 100, Color.WHITE, Color.WHITE, 0, 0, 1, 1));

        assertThatThrownBy(() -> preprocessor.prepare(blank))
                .isInstanceOf(PictureException.class)
                .hasMessageContaining("no ink")
                .extracting(e -> ((PictureException) e).reason())
                .isEqualTo(PictureException.Reason.NO_INK);
    }

    private static GreyImage grey(MnistImage image) {
        float[] values = new float[784];
        for (int i = 0; i < 784; i++) {
            values[i] = image.pixels()[i];
        }
        return new GreyImage(28, 28, values);
    }

    private static double meanAbsoluteDifference(MnistImage a, MnistImage b) {
        double sum = 0;
        for (int i = 0; i < 784; i++) {
            sum += Math.abs(a.pixels()[i] - b.pixels()[i]);
        }
        double mean = sum / 784;
        System.out.printf("mean absolute difference: %.2f levels%n", mean);
        return mean;
    }
}
