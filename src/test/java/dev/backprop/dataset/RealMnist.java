package dev.backprop.dataset;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real MNIST for tests that need it: {@code ../shared/datasets/mnist} beside the project, or the
 * folder named by the system property {@code backprop.test.mnist}. Tests that need it are skipped, with
 * a message saying so, when it is absent.
 */
public final class RealMnist {

    private RealMnist() {}

    public static Path folder() {
        return Path.of(System.getProperty("backprop.test.mnist", "../shared/datasets/mnist"))
                .toAbsolutePath()
                .normalize();
    }

    /** The folder above {@link #folder()}, to use as {@code backprop.datasets.dir}. */
    public static Path datasetsDir() {
        return folder().getParent();
    }

    /** Skips the calling test unless the four MNIST files are present. */
    public static void assumePresent() {
        boolean present = Files.isDirectory(folder()) && new IdxFolder(folder()).complete();
        if (!present) {
            System.err.println("SKIPPED: the real MNIST is not at " + folder() + " (set -Dbackprop.test.mnist=DIR)");
        }
        assumeTrue(present, "skipped: the real MNIST is not at " + folder());
    }

    private static final Object LOCK = new Object();
    private static Dataset loaded;

    /** The real MNIST, read once per test JVM. */
    public static Dataset load() {
        assumePresent();
        synchronized (LOCK) {
            if (loaded == null) {
                loaded = new IdxFolder(folder()).load("mnist");
            }
            return loaded;
        }
    }
}
