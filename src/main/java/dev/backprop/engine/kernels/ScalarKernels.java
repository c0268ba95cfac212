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

    @Override
    public void sample(PaddedImage image, float[] xs, float[] ys, int n, byte[] target, int to) {
        sample(image, xs, ys, 0, n, target, to);
    }

    @Override
    public void widen(byte[] x, int from, float[] y, int to, int n) {
        widen(x, from, y, to, 0, n);
    }

    /** {@link #widen} of the entries {@code [start, n)}. */
    static void widen(byte[] x, int from, float[] y, int to, int start, int n) {
        for (int i = start; i < n; i++) {
            y[to + i] = x[from + i] & 0xFF;
        }
    }

    @Override
    public void points(Grid grid, float[] xs, float[] ys) {
        int width = grid.acrossX().length;
        for (int y = 0; y < grid.downX().length; y++) {
            float downX = grid.downX()[y];
            float downY = grid.downY()[y];
            for (int x = 0; x < width; x++) {
                xs[y * width + x] = grid.acrossX()[x] - downX;
                ys[y * width + x] = grid.acrossY()[x] + downY;
            }
        }
    }

    @Override
    public void addScaled(float weight, float[] x, int from, float[] y, int n) {
        addScaled(weight, x, from, y, 0, n);
    }

    /** {@link #addScaled} of the entries {@code [start, n)}: the whole of it, and the vector version's tail. */
    static void addScaled(float weight, float[] x, int from, float[] y, int start, int n) {
        for (int i = start; i < n; i++) {
            y[i] += weight * x[from + i];
        }
    }

    /** {@link #sample} of the points {@code [from, n)}: the whole of it, and the vector version's tail. */
    static void sample(PaddedImage image, float[] xs, float[] ys, int from, int n, byte[] target, int to) {
        for (int i = from; i < n; i++) {
            float x = xs[i];
            float y = ys[i];
            target[to + i] = image.near(x, y) ? (byte) round(bilinear(image, x, y)) : 0;
        }
    }

    /** Interpolation at a point near the ink, which lies in (−1, side − 2) both ways. */
    private static float bilinear(PaddedImage image, float x, float y) {
        // x, y > −1 here, so truncating x + 1 floors it.
        int x0 = (int) (x + 1) - 1;
        int y0 = (int) (y + 1) - 1;
        float fx = x - x0;
        float fy = y - y0;
        float[] padded = image.pixels();
        int side = image.side();
        int at = (y0 + 1) * side + x0 + 1;
        float top = (1 - fx) * padded[at] + fx * padded[at + 1];
        float bottom = (1 - fx) * padded[at + side] + fx * padded[at + side + 1];
        return (1 - fy) * top + fy * bottom;
    }

    /**
     * {@link Math#round(float)} of a value ≥ 0, to the bit, without Java 17's general path (a fifth of the
     * time to distort an image): v − ⌊v⌋ is exact in float, so comparing it with ½ decides as ⌊v + ½⌋ does.
     */
    static int round(float value) {
        int whole = (int) value;
        return value - whole >= 0.5f ? whole + 1 : whole;
    }
}
