package dev.backprop.engine;

import dev.backprop.engine.kernels.NativeBlas;
import java.util.List;

/** Prints which kernels a wide network would train on in this JVM, and what is missing: for tests that fork a JVM. */
final class KernelReport {

    private KernelReport() {}

    public static void main(String[] args) {
        TrainingConfig wide = TrainingConfig.builder(new Architecture(
                        List.of(30, NativeBlas.MIN_UNITS, 3), Activation.RELU, Activation.SOFTMAX, false))
                .batchSize(64)
                .loss(Loss.CROSS_ENTROPY)
                .build();
        System.out.println("kernels: " + new Trainer(wide, 2).kernels());
        System.out.println("missing: " + Engine.missing());
    }
}
