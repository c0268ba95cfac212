package dev.backprop.image;

/**
 * Step 6: MNIST placed each scaled digit in a 28×28 field so that its centre of mass (the mean position
 * of its ink, weighted by brightness) falls on the field's centre; across MNIST's test set that centre
 * averages pixel (14.0, 14.0). The shift is a whole number of pixels, so no value is blurred, and never
 * so large that ink leaves the field.
 */
public final class CentreOfMass {

    /** The side of MNIST's field. */
    public static final int MNIST_SIDE = 28;

    private CentreOfMass() {}

    /** The centre of mass {x, y}, in pixel indices, of an image with some ink. */
    public static double[] of(GreyImage image) {
        double mass = 0;
        double x = 0;
        double y = 0;
        for (int row = 0; row < image.height(); row++) {
            for (int column = 0; column < image.width(); column++) {
                double value = image.value(column, row);
                mass += value;
                x += value * column;
                y += value * row;
            }
        }
        if (mass == 0) {
            throw new IllegalArgumentException("an image without ink has no centre of mass");
        }
        return new double[] {x / mass, y / mass};
    }

    /** The image inside a {@code side × side} black field, its centre of mass moved to the field's centre. */
    public static GreyImage place(GreyImage image, int side) {
        double[] centre = of(image);
        int left = shift(side / 2.0 - centre[0], side - image.width());
        int top = shift(side / 2.0 - centre[1], side - image.height());
        float[] field = new float[side * side];
        for (int y = 0; y < image.height(); y++) {
            System.arraycopy(image.values(), y * image.width(), field, (top + y) * side + left, image.width());
        }
        return new GreyImage(side, side, field);
    }

    private static int shift(double wanted, int largest) {
        return (int) Math.max(0, Math.min(largest, Math.round(wanted)));
    }
}
