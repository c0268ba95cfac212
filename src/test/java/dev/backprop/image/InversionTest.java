package dev.backprop.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class InversionTest {

    @Test
    void darkInkOnWhiteIsInverted() {
        GreyImage picture = Greyscale.of(Pictures.rectangle(50, 50, Color.WHITE, Color.BLACK, 20, 10, 10, 30));

        Inversion.InkBright ink = Inversion.inkBright(picture);

        assertThat(ink.inverted()).isTrue();
        assertThat(ink.background()).isEqualTo(0f);
        assertThat(ink.image().value(25, 25)).isEqualTo(255f);
        assertThat(ink.image().value(2, 2)).isEqualTo(0f);
    }

    @Test
    void brightInkOnBlackIsKeptAsItIs() {
        GreyImage picture = Greyscale.of(Pictures.rectangle(50, 50, Color.BLACK, Color.WHITE, 20, 10, 10, 30));

        Inversion.InkBright ink = Inversion.inkBright(picture);

        assertThat(ink.inverted()).isFalse();
        assertThat(ink.image()).isSameAs(picture);
    }

    @Test
    void theBorderDecidesNotTheAverage() {
        // Mostly white, so a guess from the mean would invert it; but the border is black, so white is the ink.
        GreyImage picture = Greyscale.of(Pictures.rectangle(50, 50, Color.BLACK, Color.WHITE, 3, 3, 44, 44));

        assertThat(Inversion.inkBright(picture).inverted()).isFalse();
    }

    @Test
    void inkTouchingTheEdgeDoesNotSwayTheMedian() {
        GreyImage picture = Greyscale.of(Pictures.rectangle(50, 50, Color.WHITE, Color.BLACK, 0, 0, 10, 50));

        Inversion.InkBright ink = Inversion.inkBright(picture);

        assertThat(ink.inverted()).isTrue();
        assertThat(ink.background()).isEqualTo(0f);
    }

    @Test
    void greyPaperGivesTheBackgroundLevelAfterInversion() {
        GreyImage picture =
                Greyscale.of(Pictures.rectangle(60, 60, new Color(200, 200, 200), Color.BLACK, 20, 20, 10, 10));

        Inversion.InkBright ink = Inversion.inkBright(picture);

        assertThat(ink.inverted()).isTrue();
        assertThat(ink.background()).isEqualTo(55f);
    }
}
