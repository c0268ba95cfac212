package dev.backprop.insight;

import dev.backprop.engine.ExampleSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** One example as a greyscale PNG, pixel for pixel as the dataset holds it. */
final class ExamplePicture {

    private ExamplePicture() {}

    static byte[] png(ExampleSet set, int example) {
        int side = (int) Math.round(Math.sqrt(set.features()));
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < side * side; i++) {
            int value = set.pixel(example, i);
            image.getRaster().setSample(i % side, i / side, 0, value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }
}
