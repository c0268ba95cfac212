package dev.backprop.engine.kernels;

/**
 * A layer's weight matrix {@code W}, {@code [units × inputs]} column-major (the weights leaving one input
 * sit together), and its biases, or null for none.
 */
public record Weights(float[] values, int units, int inputs, float[] bias) {}
