package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Adebayo et al.'s sanity check (2018) on the real MNIST, 100 test digits: the trained seed network's
 * integrated gradients and those of the same architecture with its weights re-randomised rank the pixels
 * differently, and the trained network's are not just an edge detector's output. Ranks are compared
 * (Spearman) on the digit's ink pixels: with a black baseline every background pixel's attribution is 0
 * by construction, and those shared zeros alone would make any two explanations look alike.
 */
class ExplanationSanityTest {

    private static final int DIGITS = 100;

    @Test
    void explanationsDependOnTheWeightsAndAreNotEdges() {
        Classifier trained = MnistNetworks.seed();
        Classifier randomised = Network.create(
                        trained.architecture(), TrainingConfig.seedNetwork(1).initializer(), new Random(99))
                .freeze();
        Explainer explainer = new Explainer(trained);
        Explainer randomExplainer = new Explainer(randomised);
        ExampleSet test = MnistNetworks.mnist().test();
        float[] black = new float[trained.inputSize()];
        double againstRandom = 0;
        double againstEdges = 0;
        double randomAgainstEdges = 0;
        double saliencyAgainstRandom = 0;
        for (int e = 0; e < DIGITS; e++) {
            float[] image = test.image(e);
            int target = trained.predict(image).label();
            int[] ink =
                    IntStream.range(0, image.length).filter(i -> image[i] > 0).toArray();
            float[] ours =
                    explainer.integratedGradients(image, target, black, 64).attributions();
            float[] theirs = randomExplainer
                    .integratedGradients(image, target, black, 64)
                    .attributions();
            float[] edges = sobel(image);
            againstRandom += spearman(magnitudes(ours, ink), magnitudes(theirs, ink)) / DIGITS;
            againstEdges += spearman(magnitudes(ours, ink), magnitudes(edges, ink)) / DIGITS;
            randomAgainstEdges += spearman(magnitudes(theirs, ink), magnitudes(edges, ink)) / DIGITS;
            int[] all = IntStream.range(0, image.length).toArray();
            saliencyAgainstRandom += spearman(
                            magnitudes(explainer.saliency(image, target).attributions(), all),
                            magnitudes(randomExplainer.saliency(image, target).attributions(), all))
                    / DIGITS;
        }
        System.out.printf(
                "Sanity: mean Spearman of |IG| trained vs re-randomised %.3f, trained vs Sobel edges %.3f,"
                        + " re-randomised vs Sobel edges %.3f; |saliency| trained vs re-randomised %.3f (all pixels)%n",
                againstRandom, againstEdges, randomAgainstEdges, saliencyAgainstRandom);
        assertThat(againstRandom).as("trained against re-randomised").isLessThan(0.5);
        assertThat(againstEdges).as("trained against the edges").isLessThan(0.5);
    }

    private static double[] magnitudes(float[] values, int[] pixels) {
        return Arrays.stream(pixels).mapToDouble(i -> Math.abs(values[i])).toArray();
    }

    /** The Sobel operator's gradient magnitude of a square image. */
    static float[] sobel(float[] image) {
        int side = (int) Math.round(Math.sqrt(image.length));
        float[] edges = new float[image.length];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double gx = at(image, side, r - 1, c + 1)
                        + 2 * at(image, side, r, c + 1)
                        + at(image, side, r + 1, c + 1)
                        - at(image, side, r - 1, c - 1)
                        - 2 * at(image, side, r, c - 1)
                        - at(image, side, r + 1, c - 1);
                double gy = at(image, side, r + 1, c - 1)
                        + 2 * at(image, side, r + 1, c)
                        + at(image, side, r + 1, c + 1)
                        - at(image, side, r - 1, c - 1)
                        - 2 * at(image, side, r - 1, c)
                        - at(image, side, r - 1, c + 1);
                edges[r * side + c] = (float) Math.hypot(gx, gy);
            }
        }
        return edges;
    }

    private static double at(float[] image, int side, int r, int c) {
        return r < 0 || c < 0 || r >= side || c >= side ? 0 : image[r * side + c];
    }

    /** Spearman's rank correlation, ties given their mean rank. */
    static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElse(0);
        double my = Arrays.stream(ry).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = (i + j) / 2.0;
            }
            i = j + 1;
        }
        return ranks;
    }
}
