package dev.backprop.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parts of a small upload of synthetic digits (1,000 training, 300 test images), whole or broken. */
final class UploadParts {

    static final byte[][] TRAIN = IdxFiles.syntheticDigits(1000, 21);
    static final byte[][] TEST = IdxFiles.syntheticDigits(300, 22);

    private UploadParts() {}

    /** The four IDX parts of the synthetic digits, gzipped as MNIST ships them. */
    static Map<String, byte[]> idxParts() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("trainImages", IdxFiles.gzip(IdxFiles.images(TRAIN[0], 1000, 28, 28)));
        parts.put("trainLabels", IdxFiles.gzip(IdxFiles.labels(TRAIN[1])));
        parts.put("testImages", IdxFiles.gzip(IdxFiles.images(TEST[0], 300, 28, 28)));
        parts.put("testLabels", IdxFiles.gzip(IdxFiles.labels(TEST[1])));
        return parts;
    }

    static Map<String, byte[]> csvParts() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("train", IdxFiles.csv(TRAIN[0], TRAIN[1], true));
        parts.put("test", IdxFiles.csv(TEST[0], TEST[1], false));
        return parts;
    }

    /** The parts broken as {@code breakage} says; form fields it needs go into {@code fields}. */
    static Map<String, byte[]> broken(String breakage, Map<String, String> fields) {
        Map<String, byte[]> idx = idxParts();
        Map<String, byte[]> csv = csvParts();
        switch (breakage) {
            case "wrong magic" -> idx.put("trainImages", IdxFiles.labels(TRAIN[1]));
            case "count mismatch" -> idx.put("trainLabels", IdxFiles.labels(Arrays.copyOf(TRAIN[1], 999)));
            case "bad label" -> {
                byte[] labels = TEST[1].clone();
                labels[5] = 12;
                idx.put("testLabels", IdxFiles.labels(labels));
            }
            case "truncated gzip" -> {
                byte[] gzipped = idx.get("trainImages");
                idx.put("trainImages", Arrays.copyOf(gzipped, gzipped.length - 100));
            }
            case "wrong size" -> idx.put("testImages", IdxFiles.images(new byte[300 * 32 * 32], 300, 32, 32));
            case "short images" ->
                idx.put("trainImages", IdxFiles.images(Arrays.copyOf(TRAIN[0], 784 * 990), 1000, 28, 28));
            case "short row" -> {
                String text = new String(csv.get("test"), StandardCharsets.US_ASCII);
                String[] lines = text.split("\n");
                lines[3] = lines[3].substring(0, lines[3].lastIndexOf(','));
                csv.put("test", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
                return csv;
            }
            case "word in CSV" -> {
                String text = new String(csv.get("train"), StandardCharsets.US_ASCII);
                String[] lines = text.split("\n");
                String[] values = lines[2].split(",");
                values[10] = "dark";
                lines[2] = String.join(",", values);
                csv.put("train", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
                return csv;
            }
            case "empty part" -> idx.put("testLabels", new byte[0]);
            case "missing part" -> idx.remove("testLabels");
            case "both formats" -> idx.putAll(csv);
            case "unknown part" -> idx.put("trainimages", idx.get("trainImages"));
            case "nothing" -> {
                fields.put("name", "nothing");
                return Map.of();
            }
            case "bad classes" -> fields.put("classes", "ten");
            default -> throw new IllegalArgumentException(breakage);
        }
        return idx;
    }
}
