package dev.backprop.engine.kernels;

/**
 * A weight gradient's operands: a layer's errors {@code delta} ({@code [units × count]}) and the matrix
 * {@code target} ({@code [units × inputs]}) that {@code δ·aᵀ} is added to: a gradient, or the weights
 * themselves for a fused SGD step.
 */
public record Gradient(float[] delta, int units, int inputs, float[] target) {}
