package dev.backprop.engine.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Distortion#apply}, tuned for speed, against the inverse mapping written plainly (each pixel's
 * point computed whole, {@link Math#round(float)}, the whole image readable): the same bytes, for shifts,
 * turns, scalings and elastic fields with both signs, on scribbles and on images with no ink at all.
 */
class DistortionReferenceTest {

    private static final int SIDE = Distortion.SIDE;
    private static final double CENTRE = (SIDE - 1) / 2.0;

    @Test
    void theTunedMappingGivesTheBytesOfThePlainOne() {
        Random random = new Random(17);
        DisplacementFields fields = DisplacementFields.draw(20, 34, 4, new SplittableRandom(3));
        byte[] image = new byte[SIDE * SIDE];
        byte[] tuned = new byte[SIDE * SIDE];
        for (int trial = 0; trial < 3_000; trial++) {
            java.util.Arrays.fill(image, (byte) 0);
            int strokes = trial % 50 == 0 ? 0 : 1 + random.nextInt(40);
            for (int s = 0; s < strokes; s++) {
                image[random.nextInt(image.length)] = (byte) (1 + random.nextInt(255));
            }
            Distortion distortion = new Distortion(
                    random.nextInt(7) - 3,
                    random.nextInt(7) - 3,
                    Math.toRadians(random.nextDouble() * 60 - 30),
                    0.7 + 0.6 * random.nextDouble(),
                    random.nextBoolean()
                            ? null
                            : fields.field(random.nextInt(fields.count()), random.nextBoolean(), random.nextBoolean()));
            java.util.Arrays.fill(tuned, (byte) 77); // every byte must be written
            distortion.apply(image, 0, tuned, 0);
            assertThat(tuned).as("trial %d: %s", trial, distortion).isEqualTo(plain(distortion, image));
        }
    }

    private static byte[] plain(Distortion d, byte[] image) {
        float cos = (float) (Math.cos(d.angle()) / d.scale());
        float sin = (float) (Math.sin(d.angle()) / d.scale());
        byte[] out = new byte[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            float v = (float) (y - CENTRE - d.shiftY());
            for (int x = 0; x < SIDE; x++) {
                float u = (float) (x - CENTRE - d.shiftX());
                float sx = (float) CENTRE + cos * u - sin * v;
                float sy = (float) CENTRE + sin * u + cos * v;
                if (d.field() != null) {
                    sx += d.field().signX() * d.field().dx()[y * SIDE + x];
                    sy += d.field().signY() * d.field().dy()[y * SIDE + x];
                }
                out[y * SIDE + x] = (byte) Math.round(bilinear(image, sx, sy));
            }
        }
        return out;
    }

    /** Bilinear interpolation with every point outside the image reading 0. */
    private static float bilinear(byte[] image, float x, float y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = x - x0;
        float fy = y - y0;
        float top = (1 - fx) * pixel(image, x0, y0) + fx * pixel(image, x0 + 1, y0);
        float bottom = (1 - fx) * pixel(image, x0, y0 + 1) + fx * pixel(image, x0 + 1, y0 + 1);
        return (1 - fy) * top + fy * bottom;
    }

    private static float pixel(byte[] image, int x, int y) {
        return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : image[y * SIDE + x] & 0xFF;
    }
}
