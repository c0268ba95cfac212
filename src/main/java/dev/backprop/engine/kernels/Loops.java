package dev.backprop.engine.kernels;

/**
 * The engine's own loops beside the dense products: the activations the kernels vectorise, bias sums,
 * transposes, and which loops this JVM runs.
 */
public final class Loops {

    /** Set to true to force the plain-loop kernels, e.g. to compare the two. */
    public static final String FORCE_SCALAR = KernelSelection.FORCE_SCALAR;

    private Loops() {}

    /** {@code vector-256} (the JDK's Vector API) or {@code scalar}, for logs and a job's record. */
    public static String name() {
        return Kernels.INSTANCE.name();
    }

    /** Why the plain loops run, and the cost, for the start-up warning. */
    public static String whyPlain() {
        return KernelSelection.missing();
    }

    /**
     * Zero for values too small to be normal floats. Saturated sigmoids produce such subnormal values,
     * which x86 processors compute in slow microcode and Java cannot flush to zero: on the seed network
     * they made late epochs more than twice as slow as early ones (0.30 s against 0.13 s).
     */
    public static float flush(float value) {
        return Math.abs(value) < Float.MIN_NORMAL ? 0f : value;
    }

    /** The logistic sigmoid with subnormals flushed, over {@code n} values. */
    public static void sigmoid(float[] z, float[] a, int n) {
        Kernels.INSTANCE.sigmoid(z, a, n);
    }

    /** ReLU with subnormals flushed, over {@code n} values. */
    public static void relu(float[] z, float[] a, int n) {
        Kernels.INSTANCE.relu(z, a, n);
    }

    /** ReLU's backward step, over {@code n} values. */
    public static void reluBackward(float[] z, float[] gradA, float[] gradZ, int n) {
        Kernels.INSTANCE.reluBackward(z, gradA, gradZ, n);
    }

    /** {@code target[j] += scale · Σ_c v[j, c]}, summed over c in order: a bias gradient or SGD step. */
    public static void addColumns(float scale, float[] v, int rows, int count, float[] target) {
        for (int c = 0; c < count; c++) {
            int column = c * rows;
            for (int j = 0; j < rows; j++) {
                target[j] = Math.fma(scale, v[column + j], target[j]);
            }
        }
    }

    /** {@code transposed = Mᵀ}: {@code [inner × rows]} from {@code [rows × inner]}, both column-major. */
    public static void transpose(float[] m, int rows, int inner, float[] transposed) {
        for (int i = 0; i < inner; i++) {
            int column = i * rows;
            for (int j = 0; j < rows; j++) {
                transposed[j * inner + i] = m[column + j];
            }
        }
    }
}
