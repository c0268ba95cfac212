package dev.backprop.dataset;

import dev.backprop.engine.ExampleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A folder holding the four standard IDX files of a dataset, each raw or gzip-compressed. */
public record IdxFolder(Path dir) {

    /** MNIST-style images are 28×28. */
    public static final int SIDE = 28;

    public static final int CLASSES = 10;

    /** The file for {@code name}, preferring the raw one, when present. */
    public Optional<Path> find(String name) {
        return Stream.of(dir.resolve(name), dir.resolve(name + ".gz"))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    /** The standard files that are not there. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String name : BuiltInDataset.FILES) {
            if (find(name).isEmpty()) {
                missing.add(name);
            }
        }
        return missing;
    }

    public boolean complete() {
        return missing().isEmpty();
    }

    /** How many images the training and test files declare, read from their headers alone. */
    public int[] declaredCounts() {
        return new int[] {declaredCount(BuiltInDataset.TRAIN_IMAGES), declaredCount(BuiltInDataset.TEST_IMAGES)};
    }

    private int declaredCount(String name) {
        try (InputStream in = Files.newInputStream(require(name))) {
            return IdxFormat.readImagesHeader(in, name).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads and checks all four files. */
    public Dataset load(String name) {
        ExampleSet training = examples(BuiltInDataset.TRAIN_IMAGES, BuiltInDataset.TRAIN_LABELS);
        ExampleSet test = examples(BuiltInDataset.TEST_IMAGES, BuiltInDataset.TEST_LABELS);
        return new Dataset(name, training, test);
    }

    private ExampleSet examples(String imagesFile, String labelsFile) {
        IdxFormat.Images images;
        byte[] labels;
        try (InputStream in = Files.newInputStream(require(imagesFile))) {
            images = IdxFormat.readImages(in, imagesFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + imagesFile + " in " + dir + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(require(labelsFile))) {
            labels = IdxFormat.readLabels(in, labelsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + labelsFile + " in " + dir + ": " + e.getMessage(), e);
        }
        return LabeledImages.of(images, labels, imagesFile, labelsFile, CLASSES).toExamples(CLASSES);
    }

    private Path require(String name) {
        return find(name).orElseThrow(() -> new InvalidDatasetException(name, "is missing from " + dir));
    }
}
