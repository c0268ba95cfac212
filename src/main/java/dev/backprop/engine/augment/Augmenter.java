package dev.backprop.engine.augment;

import java.util.SplittableRandom;

/**
 * Draws each training image's {@link Distortion} for one epoch. Every draw comes from a generator
 * derived from the epoch's seed and the image's position alone, so the distorted batch does not depend
 * on which thread distorted which image, and the same request and seed give the same distortions.
 */
public final class Augmenter {

    /** Fields an epoch draws for its elastic distortions at most (each used with four sign patterns). */
    static final int FIELDS_PER_EPOCH = 2048;

    /**
     * Images per field drawn: an epoch of the whole MNIST training set (50,000 or 60,000 images) draws the
     * full bank, as it always did, and a smaller epoch draws fewer, each field shared as often. Smoothing a
     * field costs some 40,000 multiply-adds, as much as distorting 15 images: on 6,000 examples the full bank
     * cost more than the epoch's training ([784,64,10], Adam, batches of 64).
     */
    static final int IMAGES_PER_FIELD = 24;

    /** The fewest fields an epoch draws, so that a small set still sees many displacements. */
    static final int FEWEST_FIELDS = 64;

    private final Augmentation augmentation;
    private final long epochSeed;
    private final DisplacementFields fields;

    private Augmenter(Augmentation augmentation, long epochSeed, DisplacementFields fields) {
        this.augmentation = augmentation;
        this.epochSeed = epochSeed;
        this.fields = fields;
    }

    /** The distortions of an epoch of the whole training set whose seed is {@code epochSeed}. */
    public static Augmenter forEpoch(Augmentation augmentation, long epochSeed) {
        return forEpoch(augmentation, epochSeed, FIELDS_PER_EPOCH * IMAGES_PER_FIELD);
    }

    /** The distortions of an epoch of {@code images} images whose seed is {@code epochSeed}. */
    public static Augmenter forEpoch(Augmentation augmentation, long epochSeed, int images) {
        Augmentation.Elastic elastic = augmentation.elastic();
        DisplacementFields fields = elastic == null || elastic.alpha() == 0
                ? null
                : DisplacementFields.draw(
                        fieldsFor(images), elastic.alpha(), elastic.sigma(), new SplittableRandom(epochSeed));
        return new Augmenter(augmentation, epochSeed, fields);
    }

    /** How many fields an epoch of {@code images} images draws. */
    static int fieldsFor(int images) {
        return Math.min(FIELDS_PER_EPOCH, Math.max(FEWEST_FIELDS, (images + IMAGES_PER_FIELD - 1) / IMAGES_PER_FIELD));
    }

    /** The distortion of the image at {@code position} in this epoch. */
    public Distortion distortion(int position) {
        SplittableRandom random = new SplittableRandom(epochSeed ^ (0x9E3779B97F4A7C15L * (position + 1L)));
        int shift = augmentation.shift();
        int shiftX = shift == 0 ? 0 : random.nextInt(-shift, shift + 1);
        int shiftY = shift == 0 ? 0 : random.nextInt(-shift, shift + 1);
        double angle = Math.toRadians(augmentation.rotation() * (2 * random.nextDouble() - 1));
        double scale = 1 + augmentation.scale() * (2 * random.nextDouble() - 1);
        if (fields == null) {
            return new Distortion(shiftX, shiftY, angle, scale, null);
        }
        int k = random.nextInt(fields.count());
        return new Distortion(
                shiftX, shiftY, angle, scale, fields.field(k, random.nextBoolean(), random.nextBoolean()));
    }

    /** Distorts the image at {@code position}: {@code source[from, from + 784)} into {@code target[to, …)}. */
    public void distort(int position, byte[] source, int from, byte[] target, int to) {
        distortion(position).apply(source, from, target, to);
    }
}
