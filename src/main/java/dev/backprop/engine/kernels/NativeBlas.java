package dev.backprop.engine.kernels;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The three dense products of a layer's training step as single-precision {@code sgemm} calls on the
 * machine's native BLAS (OpenBLAS through {@code dev.ludovic.netlib}'s JNI binding), on the engine's
 * column-major layout: a weight matrix {@code W} is {@code [units × inputs]}, a batch block
 * {@code [rows × count]}, one column per example.
 *
 * <ul>
 *   <li>forward {@code Z = W·A + b·1ᵀ}
 *   <li>errors sent down {@code Δ' = Wᵀ·Δ} (no explicit transpose: {@code sgemm("T", …)})
 *   <li>weight gradient {@code G = α·Δ·Aᵀ + β·G}, straight into the weights for plain SGD
 * </ul>
 *
 * <p>The 128×1024·1024×1024 product ran at up to 270 GFLOP/s through it on this project's 2-core machine,
 * against 35 for netlib's pure-Java VectorBLAS in the same JVM; a whole [784,1024,1024,10] step took
 * 13 ms against 70 on the engine's own zero-skipping kernels (two threads), a [784,512,512,512,10] step
 * 8 ms against 21, and a [784,128,64,10] step 0.38 ms against 0.30 (where the own kernels win): from
 * {@link #MIN_UNITS} units on, the step uses it.
 * OpenBLAS splits a product between its own threads by blocks of the output, each element summed over
 * the inner dimension by the same micro-kernel: a given shape and thread count gives the same bits.
 */
public final class NativeBlas {

    /** Set to {@code false} to run without the native BLAS even where it loads (to compare, or to test the fallback). */
    public static final String USE_NATIVE = "backprop.blas.native";

    /** Layers this wide or wider go through sgemm when the native BLAS is loaded. */
    public static final int MIN_UNITS = 256;

    /** The native BLAS, or null where it did not load or was turned off. */
    public static final NativeBlas INSTANCE = load(System.getProperty(USE_NATIVE, "true"));

    private final BLAS blas;

    private NativeBlas(BLAS blas) {
        this.blas = blas;
    }

    /** The native BLAS unless {@code useNative} is {@code "false"}; null where it does not load. */
    public static NativeBlas load(String useNative) {
        if (!Boolean.parseBoolean(useNative)) {
            return null;
        }
        // The binding logs a WARN for each implementation it cannot load (its Vector-API one without the
        // module, the JNI one without OpenBLAS); Engine.missing() reports what matters once, with the cost.
        Logger binding = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
        Level level = binding.getLevel();
        binding.setLevel(Level.SEVERE);
        try {
            BLAS loaded = NativeBLAS.getInstance();
            if (referenceBlasMapped()) {
                // libblas.so.3 is the reference BLAS, some 7 GFLOP/s: the engine's own kernels beat it.
                Logger.getLogger(NativeBlas.class.getName()).fine("the system BLAS is the reference BLAS");
                return null;
            }
            return new NativeBlas(loaded);
        } catch (RuntimeException | LinkageError e) {
            Logger.getLogger(NativeBlas.class.getName()).log(Level.FINE, "no native BLAS: " + e.getMessage(), e);
            return null;
        } finally {
            binding.setLevel(level);
        }
    }

    /**
     * Whether this process has mapped a {@code libblas} that is not an optimised one (OpenBLAS, MKL,
     * BLIS): Debian's {@code libblas.so.3} points to the reference BLAS unless one is installed. False
     * where {@code /proc/self/maps} cannot be read (not Linux).
     */
    static boolean referenceBlasMapped() {
        try {
            List<String> blas = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.contains("blas") || line.contains("mkl") || line.contains("blis"))
                    .toList();
            boolean optimised = blas.stream()
                    .anyMatch(line -> line.contains("openblas") || line.contains("mkl") || line.contains("blis"));
            return !optimised && blas.stream().anyMatch(line -> line.contains("libblas"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Why the native BLAS is not in use, for the start-up warning; null when it is. */
    public static String missing() {
        if (INSTANCE != null) {
            return null;
        }
        return Boolean.parseBoolean(System.getProperty(USE_NATIVE, "true"))
                ? "no optimised native BLAS loaded (install libopenblas0-pthread)"
                : "native BLAS turned off (-D" + USE_NATIVE + "=false)";
    }

    /** A name for reports: the binding's class, e.g. {@code JNIBLAS}. */
    public String name() {
        return blas.getClass().getSimpleName();
    }

    /** {@code z[:, c] = bias + W·a[:, c]} for {@code c < count}, a starting at {@code aOffset}; bias may be null (zero). */
    void forward(float[] w, int units, int inputs, float[] bias, float[] a, int aOffset, float[] z, int count) {
        float beta = 0f;
        if (bias != null) {
            for (int c = 0; c < count; c++) {
                System.arraycopy(bias, 0, z, c * units, units);
            }
            beta = 1f;
        }
        blas.sgemm("N", "N", units, count, inputs, 1f, w, 0, units, a, aOffset, inputs, beta, z, 0, units);
    }

    /** {@code below = Wᵀ·delta}: the errors of a layer sent down to its inputs. */
    void sendDown(float[] w, int units, int inputs, float[] delta, float[] below, int count) {
        blas.sgemm("T", "N", inputs, count, units, 1f, w, 0, units, delta, 0, units, 0f, below, 0, inputs);
    }

    /** {@code g = alpha·delta·aᵀ + beta·g}, g being {@code [units × inputs]}. */
    void addOuter(float alpha, float[] delta, int units, float[] a, int inputs, int count, float beta, float[] g) {
        blas.sgemm("N", "T", units, inputs, count, alpha, delta, 0, units, a, 0, inputs, beta, g, 0, units);
    }
}
