package dev.backprop.engine.kernels;

/**
 * {@code count} columns of a batch block, one an example, column {@code c} starting at
 * {@code offset + c·rows}, {@code rows} being what the product it enters says.
 */
public record Block(float[] values, int offset, int count) {

    /** The first {@code count} columns of {@code values}. */
    public static Block of(float[] values, int count) {
        return new Block(values, 0, count);
    }
}
