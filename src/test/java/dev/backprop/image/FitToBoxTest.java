package dev.backprop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class FitToBoxTest {

    @Test
    void theLongerSideBecomes20AndTheAspectRatioIsKept() {
        GreyImage wide = FitToBox.fit(filled(100, 50), 20);
        GreyImage tall = FitToBox.fit(filled(30, 120), 20);

        assertThat(wide.width()).isEqualTo(20);
        assertThat(wide.height()).isEqualTo(10);
        assertThat(tall.width()).isEqualTo(5);
        assertThat(tall.height()).isEqualTo(20);
    }

    @Test
    void aThinStrokeSurvivesAsAntiAliasedGrey() {
        // A 2-pixel line in a 200-pixel square covers a tenth of a 10-pixel-wide target column.
        GreyImage picture = Greyscale.of(Pictures.rectangle(200, 200, Color.BLACK, Color.WHITE, 100, 0, 2, 200));

        GreyImage fitted = FitToBox.fit(picture, 20);

        float column = fitted.value(10, 10);
        assertThat(column).isCloseTo(255 * 0.2f, within(2f));
        assertThat(fitted.value(3, 10)).isEqualTo(0f);
        double total = 0;
        for (float value : fitted.values()) {
            total += value;
        }
        // Area averaging keeps the ink's total: 2 × 200 pixels at 255 over a scale of 10 × 10.
        assertThat(total).isCloseTo(2 * 200 * 255 / 100.0, within(60.0));
    }

    @Test
    void aSmallDrawingIsEnlargedSmoothly() {
        GreyImage small = Greyscale.of(Pictures.rectangle(10, 5, Color.BLACK, Color.WHITE, 0, 0, 5, 5));

        GreyImage fitted = FitToBox.fit(small, 20);

        assertThat(fitted.width()).isEqualTo(20);
        assertThat(fitted.height()).isEqualTo(10);
        assertThat(fitted.value(2, 5)).isEqualTo(255f);
        assertThat(fitted.value(18, 5)).isEqualTo(0f);
        // Across the edge the values step through greys rather than jumping from 255 to 0.
        float edge = Math.max(fitted.value(9, 5), fitted.value(10, 5));
        assertThat(edge).isBetween(1f, 254f);
    }

    private static GreyImage filled(int width, int height) {
        float[] values = new float[width * height];
        java.util.Arrays.fill(values, 255);
        return new GreyImage(width, height, values);
    }
}
