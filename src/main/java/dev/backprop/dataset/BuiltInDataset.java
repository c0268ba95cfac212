package dev.backprop.dataset;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The datasets Backprop knows by name, each four IDX files in a folder of its own. */
public enum BuiltInDataset {
    MNIST("mnist", "Handwritten digits 0–9 (LeCun, Cortes and Burges)", 60_000, 10_000);

    /** The four standard file names, each found raw or with {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";

    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private final String id;
    private final String description;
    private final int trainingSize;
    private final int testSize;

    BuiltInDataset(String id, String description, int trainingSize, int testSize) {
        this.id = id;
        this.description = description;
        this.trainingSize = trainingSize;
        this.testSize = testSize;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public int trainingSize() {
        return trainingSize;
    }

    public int testSize() {
        return testSize;
    }

    public static Optional<BuiltInDataset> byId(String id) {
        return Stream.of(values()).filter(dataset -> dataset.id.equals(id)).findFirst();
    }
}
