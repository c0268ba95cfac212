package dev.backprop.evaluation;

import dev.backprop.engine.Classifier;
import dev.backprop.engine.ExampleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts of true against predicted labels: {@code counts[t][p]} examples of class t were given label p,
 * so the diagonal holds the right answers, a row sums to the class's examples and a column to the
 * examples given that label.
 */
final class ConfusionMatrix {

    private final int[][] counts;

    private ConfusionMatrix(int[][] counts) {
        this.counts = counts;
    }

    /** The matrix of {@code examples} of {@code set}, example k having been given label {@code predicted[k]}. */
    static ConfusionMatrix of(ExampleSet set, int[] examples, int[] predicted) {
        int[][] counts = new int[set.classes()][set.classes()];
        for (int k = 0; k < examples.length; k++) {
            counts[set.label(examples[k])][predicted[k]]++;
        }
        return new ConfusionMatrix(counts);
    }

    int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    List<ClassMetrics> perClass() {
        List<ClassMetrics> metrics = new ArrayList<>(counts.length);
        for (int c = 0; c < counts.length; c++) {
            int support = 0;
            int predicted = 0;
            for (int other = 0; other < counts.length; other++) {
                support += counts[c][other];
                predicted += counts[other][c];
            }
            int right = counts[c][c];
            Double precision = predicted == 0 ? null : (double) right / predicted;
            Double recall = support == 0 ? null : (double) right / support;
            metrics.add(new ClassMetrics(c, support, predicted, precision, recall, f1(precision, recall)));
        }
        return metrics;
    }

    private static Double f1(Double precision, Double recall) {
        if (precision == null || recall == null) {
            return null;
        }
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }

    /** The {@code limit} mistakes the model was surest of, surest first (ties by index). */
    static List<HardExample> hardest(ExampleSet set, int[] examples, Classifier.Evaluation evaluation, int limit) {
        List<HardExample> mistakes = new ArrayList<>();
        for (int k = 0; k < examples.length; k++) {
            int label = set.label(examples[k]);
            if (evaluation.predicted()[k] != label) {
                mistakes.add(new HardExample(
                        examples[k],
                        label,
                        evaluation.predicted()[k],
                        evaluation.confidence()[k]));
            }
        }
        mistakes.sort(Comparator.comparing(HardExample::confidence).reversed().thenComparing(HardExample::index));
        return List.copyOf(mistakes.subList(0, Math.min(limit, mistakes.size())));
    }
}
