package dev.backprop.engine.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The distortions an epoch draws: within the asked bounds, the same for the same seed, fresh per epoch. */
class AugmenterTest {

    private static final Augmentation ALL = new Augmentation(2, 15, 0.1, new Augmentation.Elastic(34, 4));

    private static byte[] digits(int count) {
        byte[] images = new byte[count * 784];
        Random random = new Random(3);
        for (int e = 0; e < count; e++) {
            for (int y = 8; y < 20; y++) {
                images[e * 784 + y * 28 + 10 + random.nextInt(8)] = (byte) 255;
            }
        }
        return images;
    }

    private static byte[] distortAll(Augmenter augmenter, byte[] images) {
        byte[] out = new byte[images.length];
        for (int e = 0; e < images.length / 784; e++) {
            augmenter.distort(e, images, e * 784, out, e * 784);
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameDistortedBatch() {
        byte[] images = digits(50);
        assertThat(distortAll(Augmenter.forEpoch(ALL, 42), images))
                .isEqualTo(distortAll(Augmenter.forEpoch(ALL, 42), images));
    }

    @Test
    void anotherEpochGivesOtherDistortions() {
        byte[] images = digits(50);
        byte[] first = distortAll(Augmenter.forEpoch(ALL, 42), images);
        assertThat(distortAll(Augmenter.forEpoch(ALL, 43), images)).isNotEqualTo(first);
        assertThat(first).isNotEqualTo(images);
    }

    @Test
    void anImagesDistortionDependsOnItsPositionNotOnTheOrderOfTheWork() {
        Augmenter augmenter = Augmenter.forEpoch(ALL, 9);
        byte[] images = digits(3);
        byte[] inOrder = distortAll(augmenter, images);
        byte[] backwards = new byte[images.length];
        for (int e = 2; e >= 0; e--) {
            augmenter.distort(e, images, e * 784, backwards, e * 784);
        }
        assertThat(backwards).isEqualTo(inOrder);
    }

    @Test
    void aSmallEpochDrawsFewerFieldsAndTheWholeTrainingSetTheFullBank() {
        assertThat(Augmenter.fieldsFor(6_000)).isEqualTo(250);
        assertThat(Augmenter.fieldsFor(100)).isEqualTo(Augmenter.FEWEST_FIELDS);
        assertThat(Augmenter.fieldsFor(50_000)).isEqualTo(Augmenter.FIELDS_PER_EPOCH);
        assertThat(Augmenter.fieldsFor(60_000)).isEqualTo(Augmenter.FIELDS_PER_EPOCH);
        byte[] images = digits(50);
        // An epoch of the whole set distorts exactly as before the bank was sized by the epoch.
        assertThat(distortAll(Augmenter.forEpoch(ALL, 42, 50_000), images))
                .isEqualTo(distortAll(Augmenter.forEpoch(ALL, 42), images));
    }

    @Test
    void drawnParametersStayWithinTheirBounds() {
        Augmenter augmenter = Augmenter.forEpoch(new Augmentation(3, 10, 0.2, null), 1);
        boolean sawEveryShift = true;
        boolean[] shifts = new boolean[7];
        for (int p = 0; p < 2000; p++) {
            Distortion d = augmenter.distortion(p);
            assertThat(Math.abs(d.shiftX())).isLessThanOrEqualTo(3);
            assertThat(Math.abs(d.shiftY())).isLessThanOrEqualTo(3);
            assertThat(Math.abs(Math.toDegrees(d.angle()))).isLessThanOrEqualTo(10);
            assertThat(d.scale()).isBetween(0.8, 1.2);
            assertThat(d.field()).isNull();
            shifts[d.shiftX() + 3] = true;
        }
        for (boolean seen : shifts) {
            sawEveryShift &= seen;
        }
        assertThat(sawEveryShift).isTrue();
    }

    @Test
    void noAugmentationIsNone() {
        assertThat(new Augmentation(0, 0, 0, null).isNone()).isTrue();
        assertThat(new Augmentation(0, 0, 0, new Augmentation.Elastic(0, 4)).isNone())
                .isTrue();
        assertThat(ALL.isNone()).isFalse();
    }
}
