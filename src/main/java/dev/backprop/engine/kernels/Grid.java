package dev.backprop.engine.kernels;

/**
 * Points laid out on an image's grid that an affine map sends them to: the point of pixel (x, y) is
 * {@code (acrossX[x] − downX[y], acrossY[x] + downY[y])}, each map's product per column and per row made
 * once rather than once per pixel.
 */
public record Grid(float[] acrossX, float[] acrossY, float[] downX, float[] downY) {}
