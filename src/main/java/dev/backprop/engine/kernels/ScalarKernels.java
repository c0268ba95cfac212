package dev.backprop.engine.kernels;

/** {@link Kernels} in plain loops, for JVMs without the Vector API. */
final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void multiply(Weights w, Block block, float[] out) {
        float[] m = w.values();
        int rows = w.units();
        int inner = w.inputs();
        float[] bias = w.bias();
        float[] x = block.values();
        int xOffset = block.offset();
        int count = block.count();
        for (int c = 0; c < count; c++) {
            int column = c * rows;
            initColumn(out, column, bias, rows);
            int xColumn = xOffset + c * inner;
            for (int i = 0; i < inner; i++) {
                float xi = x[xColumn + i];
                if (xi != 0) {
                    fmaColumn(xi, m, i * rows, out, column, rows);
                }
            }
        }
    }

    @Override
    public void multiply(Weights w, RawPixels x, float[] out) {
        multiply(w, x.toBlock(w.inputs()), out);
    }

    @Override
    public void multiply(Weights w, Images images, float[] out, int lo, int hi) {
        int rows = w.units();
        SparsePixels x = images.pixels();
        char[] index = x.index();
        byte[] value = x.value();
        for (int c = 0; c < images.count(); c++) {
            int column = c * rows;
            initColumn(out, column, w.bias(), rows);
            int example = images.examples()[images.from() + c];
            for (int k = x.firstAtOrPast(example, lo), end = x.firstAtOrPast(example, hi); k < end; k++) {
                fmaColumn(Kernels.pixel(value[k]), w.values(), index[k] * rows, out, column, rows);
            }
        }
    }

    @Override
    public void addOuter(float scale, Gradient g, Block block, int lo, int hi) {
        float[] v = g.delta();
        int rows = g.units();
        float[] x = block.values();
        float[] m = g.target();
        for (int c = 0; c < block.count(); c++) {
            int vColumn = c * rows;
            int xColumn = block.offset() + c * g.inputs();
            for (int i = lo; i < hi; i++) {
                float xi = x[xColumn + i];
                if (xi != 0) {
                    fmaColumn(scale * xi, v, vColumn, m, i * rows, rows);
                }
            }
        }
    }

    @Override
    public void addOuter(float scale, Gradient g, Images images, int lo, int hi) {
        int rows = g.units();
        SparsePixels x = images.pixels();
        char[] index = x.index();
        byte[] value = x.value();
        for (int c = 0; c < images.count(); c++) {
            int vColumn = c * rows;
            int example = images.examples()[images.from() + c];
            int first = x.firstAtOrPast(example, lo);
            int last = x.firstAtOrPast(example, hi);
            for (int k = first; k < last; k++) {
                fmaColumn(scale * Kernels.pixel(value[k]), g.delta(), vColumn, g.target(), index[k] * rows, rows);
            }
        }
    }

    /** {@code y[yo, yo + n) = fma(a, x[xo, xo + n), y[yo, yo + n))}. */
    private static void fmaColumn(float a, float[] x, int xo, float[] y, int yo, int n) {
        for (int k = 0; k < n; k++) {
            y[yo + k] = Math.fma(a, x[xo + k], y[yo + k]);
        }
    }

    static void initColumn(float[] out, int column, float[] bias, int rows) {
        if (bias == null) {
            java.util.Arrays.fill(out, column, column + rows, 0f);
        } else {
            System.arraycopy(bias, 0, out, column, rows);
        }
    }

    @Override
    public void sigmoid(float[] z, float[] a, int n) {
        sigmoid(z, a, 0, n);
    }

    /** {@link #sigmoid(float[], float[], int)} on elements {@code [from, to)}. */
    void sigmoid(float[] z, float[] a, int from, int to) {
        for (int k = from; k < to; k++) {
            a[k] = Loops.flush((float) (1 / (1 + Math.exp(-z[k]))));
        }
    }

    @Override
    public void relu(float[] z, float[] a, int n) {
        relu(z, a, 0, n);
    }

    /** {@link #relu(float[], float[], int)} on elements {@code [from, to)}. */
    void relu(float[] z, float[] a, int from, int to) {
        for (int k = from; k < to; k++) {
            float value = z[k];
            a[k] = value < Float.MIN_NORMAL ? 0f : value; // NaN passes, as Loops.flush lets it
        }
    }

    @Override
    public void reluBackward(float[] z, float[] gradA, float[] gradZ, int n) {
        reluBackward(z, gradA, gradZ, 0, n);
    }

    /** {@link #reluBackward(float[], float[], float[], int)} on elements {@code [from, to)}. */
    void reluBackward(float[] z, float[] gradA, float[] gradZ, int from, int to) {
        for (int k = from; k < to; k++) {
            float g = gradA[k];
            gradZ[k] = z[k] > 0 && !(Math.abs(g) < Float.MIN_NORMAL) ? g : 0f;
        }
    }
}
