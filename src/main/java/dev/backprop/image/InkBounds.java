package dev.backprop.image;

import java.util.Optional;

/** Step 4: the smallest rectangle holding every pixel of ink (every value above 0). */
public final class InkBounds {

    private InkBounds() {}

    /** A rectangle of pixels: columns {@code left} to {@code left + width − 1}, rows likewise. */
    public record Box(int left, int top, int width, int height) {}

    /** The box around the ink, or empty if there is none. */
    public static Optional<Box> of(GreyImage image) {
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = -1;
        int bottom = -1;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (image.value(x, y) > 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (right < 0) {
            return Optional.empty();
        }
        return Optional.of(new Box(left, top, right - left + 1, bottom - top + 1));
    }
}
