package dev.backprop.engine.kernels;

import static dev.backprop.engine.kernels.VectorKernels.L;
import static dev.backprop.engine.kernels.VectorKernels.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** The activations {@link VectorKernels} vectorises, each bit for bit as {@link ScalarKernels} computes it. */
final class VectorActivations {

    /** For the tails shorter than a vector. */
    private static final ScalarKernels NARROW = new ScalarKernels();

    private VectorActivations() {}

    /**
     * The sigmoid through {@link #exp}: 400 of them a step were a fifth of the seed network's epoch
     * with {@code Math.exp} (9 ns a value, against about 1). The tail goes through the same function,
     * masked, so a value's bits do not depend on where it sits.
     */
    static void sigmoid(float[] z, float[] a, int n) {
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += L) {
            sigmoid(FloatVector.fromArray(S, z, k)).intoArray(a, k);
        }
        if (k < n) {
            VectorMask<Float> tail = S.indexInRange(k, n);
            sigmoid(FloatVector.fromArray(S, z, k, tail)).intoArray(a, k, tail);
        }
    }

    private static FloatVector sigmoid(FloatVector z) {
        FloatVector s = FloatVector.broadcast(S, 1f).div(exp(z.neg()).add(1f));
        return s.blend(0f, s.lt(Float.MIN_NORMAL));
    }

    /**
     * {@code e^x} to about an ulp, from additions, multiplications and bit shifts alone (Cephes' expf:
     * {@code x = n·ln 2 + r}, a degree-6 polynomial in r, times {@code 2ⁿ}). Not the Vector API's EXP:
     * compiled, that is the JDK's SVML stub, but interpreted, {@code Math.exp} lane by lane, and the two
     * differ in the last bit, so the weights would depend on when the JIT got to the loop. These
     * operations round the same either way.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(-87.33f).min(88f); // e^88 is still a float; the sigmoid flushes what is smaller
        // n = round(v·log₂e): adding 1.5·2²³ leaves the rounded value in the low bits of the mantissa.
        FloatVector shifted = v.fma(FloatVector.broadcast(S, 1.44269504f), FloatVector.broadcast(S, 12582912f));
        FloatVector n = shifted.sub(12582912f);
        FloatVector r = n.fma(FloatVector.broadcast(S, -0.693359375f), v);
        r = n.fma(FloatVector.broadcast(S, 2.12194440e-4f), r);
        FloatVector p = r.fma(FloatVector.broadcast(S, 1.9875691500e-4f), FloatVector.broadcast(S, 1.3981999507e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201e-1f));
        p = p.fma(r.mul(r), r).add(1f);
        IntVector exponent =
                shifted.reinterpretAsInts().sub(0x4B400000).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(exponent.reinterpretAsFloats());
    }

    /** Masked blends instead of a branch that mispredicts on half the units: 0.014 ms against 0.5 for 512×256 values. */
    static void relu(float[] z, float[] a, int n) {
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += L) {
            FloatVector v = FloatVector.fromArray(S, z, k).max(0f);
            v.blend(0f, v.lt(Float.MIN_NORMAL)).intoArray(a, k);
        }
        NARROW.relu(z, a, k, n);
    }

    static void reluBackward(float[] z, float[] gradA, float[] gradZ, int n) {
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += L) {
            FloatVector g = FloatVector.fromArray(S, gradA, k);
            var passes = FloatVector.fromArray(S, z, k)
                    .compare(VectorOperators.GT, 0f)
                    .andNot(g.abs().lt(Float.MIN_NORMAL));
            FloatVector.zero(S).blend(g, passes).intoArray(gradZ, k);
        }
        NARROW.reluBackward(z, gradA, gradZ, k, n);
    }
}
