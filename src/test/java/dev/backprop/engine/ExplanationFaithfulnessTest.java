package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A deletion test on the real MNIST (the seed network, 500 test digits): blanking the pixels integrated
 * gradients ranks highest lowers the predicted class's probability more, on average, than blanking as
 * many random ink pixels, and no less than blanking occlusion's highest.
 */
class ExplanationFaithfulnessTest {

    private static final int DIGITS = 500;
    private static final int[] REMOVED = {10, 25, 50, 100};

    @Test
    void removingTheMostAttributedPixelsLowersTheProbabilityMost() {
        Classifier classifier = MnistNetworks.seed();
        Explainer explainer = new Explainer(classifier);
        ExampleSet test = MnistNetworks.mnist().test();
        float[] black = new float[classifier.inputSize()];
        Random random = new Random(23);
        double[][] drops = new double[3][REMOVED.length]; // integrated gradients, occlusion, random ink
        for (int e = 0; e < DIGITS; e++) {
            float[] image = test.image(e);
            int target = classifier.predict(image).label();
            float before = classifier.predict(image).probabilities()[target];
            List<Integer> byGradients = ranked(
                    explainer.integratedGradients(image, target, black, 64).attributions());
            List<Integer> byOcclusion =
                    ranked(explainer.occlusion(image, target, 4).attributions());
            List<Integer> ink = new ArrayList<>(IntStream.range(0, image.length)
                    .filter(i -> image[i] > 0)
                    .boxed()
                    .toList());
            java.util.Collections.shuffle(ink, random);
            List<List<Integer>> orders = List.of(byGradients, byOcclusion, ink);
            for (int o = 0; o < orders.size(); o++) {
                for (int r = 0; r < REMOVED.length; r++) {
                    float[] removed = image.clone();
                    List<Integer> order = orders.get(o);
                    for (int k = 0; k < Math.min(REMOVED[r], order.size()); k++) {
                        removed[order.get(k)] = 0;
                    }
                    drops[o][r] += (before - classifier.predict(removed).probabilities()[target]) / DIGITS;
                }
            }
        }
        String[] names = {"integrated gradients", "occlusion 4×4", "random ink"};
        for (int o = 0; o < names.length; o++) {
            System.out.printf(
                    "Deletion, %s: mean probability drop %.4f / %.4f / %.4f / %.4f at 10 / 25 / 50 / 100 pixels%n",
                    names[o], drops[o][0], drops[o][1], drops[o][2], drops[o][3]);
        }
        assertThat(drops[0][2])
                .as("top-50 integrated gradients against 50 random ink pixels")
                .isGreaterThan(drops[2][2]);
        assertThat(drops[0][2])
                .as("top-50 integrated gradients against top-50 occlusion")
                .isGreaterThanOrEqualTo(drops[1][2]);
    }

    /** Pixel indices by attribution, highest first (ties by index, so the order is the same every run). */
    static List<Integer> ranked(float[] attributions) {
        return IntStream.range(0, attributions.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -attributions[i])
                        .thenComparingInt(i -> i))
                .toList();
    }
}
