package dev.backprop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("timed")
class PictureDecoderTest {

    private final PictureDecoder decoder = new PictureDecoder(1_000_000);
    private final BufferedImage picture = Pictures.rectangle(40, 30, Color.WHITE, Color.BLACK, 10, 5, 8, 20);

    @Test
    void decodesPngJpegGifAndBmpRecognisedFromTheirBytes() {
        for (String format : new String[] {"png", "jpeg", "gif", "bmp"}) {
            PictureDecoder.Decoded decoded = decoder.decode(Pictures.encode(picture, format));

            assertThat(decoded.format()).isEqualToIgnoringCase(format);
            assertThat(decoded.image().getWidth()).isEqualTo(40);
            assertThat(decoded.image().getHeight()).isEqualTo(30);
        }
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefused(new byte[0], PictureException.Reason.EMPTY, "empty");
    }

    @Test
    void refusesWhatIsNotAPicture() {
        assertRefused(
                "label,p0,p1\n7,0,0\n".getBytes(StandardCharsets.UTF_8),
                PictureException.Reason.NOT_A_PICTURE,
                "not a PNG, JPEG, GIF or BMP");
    }

    @Test
    void refusesOtherPictureFormats() {
        assertRefused(Pictures.encode(picture, "tiff"), PictureException.Reason.NOT_A_PICTURE, "not a PNG");
    }

    @Test
    void refusesAPictureCutShort() {
        byte[] png = Pictures.png(picture);
        byte[] truncated = Arrays.copyOf(png, 60);

        assertRefused(truncated, PictureException.Reason.DAMAGED, "PNG picture but cannot be decoded");
    }

    @Test
    void refusesAPictureThatDeclaresMorePixelsThanTheLimit() {
        PictureDecoder strict = new PictureDecoder(40 * 30 - 1);

        assertThatThrownBy(() -> strict.decode(Pictures.png(picture)))
                .isInstanceOf(PictureException.class)
                .hasMessageContaining("40×30 = 1200 pixels, more than the 1199")
                .extracting(e -> ((PictureException) e).reason())
                .isEqualTo(PictureException.Reason.TOO_LARGE);
        assertThat(new PictureDecoder(40 * 30).decode(Pictures.png(picture)).image())
                .isNotNull();
    }

    @Test
    void refusesADecompressionBombFromItsHeaderAlone() {
        byte[] bomb = Pictures.pngBomb(30_000, 30_000);
        assertThat(bomb.length).isLessThan(1_000_000);

        long started = System.nanoTime();
        assertRefused(bomb, PictureException.Reason.TOO_LARGE, "30000×30000 = 900000000 pixels");
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("A %d-byte PNG declaring 30000×30000 pixels was refused in %d ms%n", bomb.length, millis);
        assertThat(millis).isLessThan(500);
    }

    private void assertRefused(byte[] file, PictureException.Reason reason, String message) {
        assertThatThrownBy(() -> decoder.decode(file))
                .isInstanceOf(PictureException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((PictureException) e).reason())
                .isEqualTo(reason);
    }
}
