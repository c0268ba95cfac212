package dev.backprop.model;

import org.springframework.stereotype.Component;

/**
 * The most pixels a prediction body may hold, for the JSON readers that count while they parse: a
 * 64 MB body of zeros is refused at the first number too many, not after it became half a gigabyte
 * of {@code double[]}. Jackson makes its readers itself, so the limit is handed over here, once, from
 * {@code backprop.prediction.max-batch-size}.
 */
@Component
public class PixelLimits {

    /** Pixels of one 28×28 image. */
    public static final int IMAGE_PIXELS = 784;

    private static volatile int maxImages = 10_000;

    PixelLimits(PredictionProperties properties) {
        maxImages = properties.maxBatchSize();
    }

    /** The most images one request may carry. */
    public static int maxImages() {
        return maxImages;
    }

    /** The most pixel values one request may carry, in any shape. */
    public static long maxValues() {
        return (long) maxImages * IMAGE_PIXELS;
    }
}
