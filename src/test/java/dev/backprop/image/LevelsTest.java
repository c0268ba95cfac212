package dev.backprop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LevelsTest {

    @Test
    void backgroundBecomesZeroAndStrongestInkBecomes255() {
        float[] values = {55, 55, 205, 130, 55, 205};
        GreyImage stretched = Levels.stretch(new GreyImage(3, 2, values), 55);

        assertThat(stretched.value(0, 0)).isEqualTo(0f);
        assertThat(stretched.value(2, 0)).isCloseTo(255f, within(1e-3f));
        // Half-way from background to ink, less the noise floor, stretched over the rest of the range.
        assertThat(stretched.value(0, 1)).isCloseTo((0.5f - 0.2f) / 0.8f * 255, within(1e-3f));
    }

    @Test
    void paperGrainAndCompressionNoiseBecomeBackground() {
        float[] values = {40, 70, 45, 230};
        GreyImage stretched = Levels.stretch(new GreyImage(4, 1, values), 40);

        assertThat(stretched.value(1, 0)).isEqualTo(0f); // 30 above the background: under a fifth of the range
        assertThat(stretched.value(2, 0)).isEqualTo(0f);
        assertThat(stretched.value(3, 0)).isCloseTo(255f, within(1e-3f));
    }

    @Test
    void aPictureWithoutContrastHasNoInk() {
        float[] values = {100, 110, 120, 105};

        assertThatThrownBy(() -> Levels.stretch(new GreyImage(2, 2, values), 100))
                .isInstanceOf(PictureException.class)
                .hasMessageContaining("no ink")
                .extracting(e -> ((PictureException) e).reason())
                .isEqualTo(PictureException.Reason.NO_INK);
    }
}
