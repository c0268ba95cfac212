package dev.backprop.engine.augment;

/**
 * The distortions of training images a request asks for, after Simard, Steinkraus and Platt (2003):
 * random shifts by up to {@code shift} whole pixels each way, rotations by up to ±{@code rotation}
 * degrees, scaling by up to ±{@code scale} (0.1 is 90–110%), and elastic distortion by a random
 * displacement field smoothed by a Gaussian of {@code elastic.sigma} pixels and scaled by
 * {@code elastic.alpha}. Any subset; zero or null means none of that kind.
 */
public record Augmentation(int shift, double rotation, double scale, Elastic elastic) {

    /** Simard's elastic distortion: displacements {@code α · (G_σ ∗ U(−1, 1))}. */
    public record Elastic(double alpha, double sigma) {
        public Elastic {
            if (!(alpha >= 0) || !(sigma > 0)) {
                throw new IllegalArgumentException("elastic distortion needs alpha ≥ 0 and sigma > 0");
            }
        }
    }

    public Augmentation {
        if (shift < 0 || !(rotation >= 0) || !(scale >= 0) || scale >= 1) {
            throw new IllegalArgumentException("augmentation needs shift ≥ 0, rotation ≥ 0 and 0 ≤ scale < 1");
        }
    }

    /** True when nothing would change. */
    public boolean isNone() {
        return shift == 0 && rotation == 0 && scale == 0 && (elastic == null || elastic.alpha() == 0);
    }
}
