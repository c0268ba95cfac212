package dev.backprop.engine;

/** Facts about the engine as it runs in this JVM, for logs and benchmark reports. */
public final class Engine {

    private Engine() {}

    /** Which arithmetic kernels run: {@code vector-256} (Vector API) or {@code scalar} (plain loops). */
    public static String kernels() {
        return Kernels.INSTANCE.name();
    }
}
