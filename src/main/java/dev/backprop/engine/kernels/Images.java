package dev.backprop.engine.kernels;

/** The images {@code examples[from, from + count)} of a set, by their non-zero pixels. */
public record Images(SparsePixels pixels, int[] examples, int from, int count) {}
