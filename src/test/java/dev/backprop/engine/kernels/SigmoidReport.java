package dev.backprop.engine.kernels;

import java.util.Arrays;

/** Run in a JVM of its own: the vector sigmoid's bits on a fixed input, as a hash, for a test to compare. */
final class SigmoidReport {

    private SigmoidReport() {}

    static float[] input() {
        // Pre-activations as a network makes them, and the far ends; not a multiple of the vector length,
        // so that the masked tail runs too.
        java.util.Random random = new java.util.Random(7);
        float[] z = new float[100_003];
        for (int k = 0; k < z.length; k++) {
            z[k] = k % 100 == 0 ? -100 + 200f * random.nextFloat() : (float) (4 * random.nextGaussian());
        }
        return z;
    }

    static int hash(Kernels kernels) {
        float[] z = input();
        float[] a = new float[z.length];
        kernels.sigmoid(z, a, z.length);
        int[] bits = new int[a.length];
        for (int k = 0; k < a.length; k++) {
            bits[k] = Float.floatToRawIntBits(a[k]);
        }
        return Arrays.hashCode(bits);
    }

    public static void main(String[] args) {
        System.out.println("sigmoid hash: " + hash(new VectorKernels()));
    }
}
