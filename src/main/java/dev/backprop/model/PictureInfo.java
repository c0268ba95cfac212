package dev.backprop.model;

import dev.backprop.image.MnistImage;
import io.swagger.v3.oas.annotations.media.Schema;

/** What was received, as it was read. */
@Schema(description = "The picture as received: its name, format and size, and whether it was inverted")
public record PictureInfo(
        @Schema(description = "The part's file name, if it had one", example = "seven.jpg")
        String filename,

        @Schema(example = "JPEG") String format,
        @Schema(example = "640") int width,
        @Schema(example = "480") int height,

        @Schema(description = "Its background was light, so it was inverted to bright ink on black")
        boolean inverted) {

    static PictureInfo of(MnistImage image, String filename) {
        return new PictureInfo(filename, image.format(), image.width(), image.height(), image.inverted());
    }
}
