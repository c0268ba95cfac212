package dev.backprop.dataset;

import dev.backprop.api.StorableText;
import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamSource;

/**
 * A dataset as a client uploads it: a name, optionally a number of classes, and either four IDX parts
 * ({@code trainImages}, {@code trainLabels}, {@code testImages}, {@code testLabels}, each raw or gzip)
 * or two CSV parts ({@code train}, {@code test}). {@link #problems()} checks the form; {@link #read}
 * then reads and checks every image before anything is kept.
 */
final class DatasetUpload {

    static final List<String> IDX_PARTS = List.of("trainImages", "trainLabels", "testImages", "testLabels");
    static final List<String> CSV_PARTS = List.of("train", "test");
    static final int DEFAULT_CLASSES = 10;
    /** Labels are single bytes and the engine reads them signed. */
    static final int MAX_CLASSES = 128;

    static final int MAX_NAME = 200;

    /** One uploaded file. */
    record Part(String name, String filename, long size, InputStreamSource content) {}

    /** A checked upload, ready to keep. */
    record Read(String format, int classes, LabeledImages training, LabeledImages test, Map<String, String> files) {}

    private final String name;
    private final String classes;
    private final Map<String, Part> parts;

    /**
     * @param name    the name field, or null
     * @param classes the classes field as sent, or null for 10
     * @param parts   every file part, by part name
     */
    DatasetUpload(String name, String classes, Map<String, Part> parts) {
        this.name = name;
        this.classes = classes;
        this.parts = new LinkedHashMap<>(parts);
    }

    String name() {
        return name == null || name.isBlank() ? defaultName() : shorten(name.strip());
    }

    private String defaultName() {
        Part first = parts.get(isCsv() ? "train" : "trainImages");
        return first != null && first.filename() != null && !first.filename().isBlank()
                ? shorten(first.filename())
                : "uploaded dataset";
    }

    private boolean isCsv() {
        return CSV_PARTS.stream().anyMatch(parts::containsKey);
    }

    /** Every problem with the form itself, so that a client learns them all at once; empty if none. */
    List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (name != null && name.length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters"));
        }
        StorableText.Check.problem(name).ifPresent(problem -> problems.add(new FieldProblem("name", problem)));
        if (classes != null && parseClasses() == 0) {
            problems.add(new FieldProblem(
                    "classes", "must be a whole number from 2 to " + MAX_CLASSES + ", not '" + shorten(classes) + "'"));
        }
        for (String part : parts.keySet()) {
            if (!IDX_PARTS.contains(part) && !CSV_PARTS.contains(part)) {
                problems.add(new FieldProblem(
                        part,
                        "is not a part of a dataset upload; send " + String.join(", ", IDX_PARTS) + " (IDX) or "
                                + String.join(", ", CSV_PARTS) + " (CSV)"));
            }
        }
        boolean idx = IDX_PARTS.stream().anyMatch(parts::containsKey);
        boolean csv = isCsv();
        if (idx && csv) {
            problems.add(new FieldProblem(
                    "train",
                    "send either the IDX parts " + String.join(", ", IDX_PARTS) + " or the CSV parts "
                            + String.join(", ", CSV_PARTS) + ", not both"));
        } else if (!idx && !csv) {
            problems.add(new FieldProblem(
                    "trainImages",
                    "no dataset in the upload: send the IDX parts " + String.join(", ", IDX_PARTS)
                            + " or the CSV parts " + String.join(", ", CSV_PARTS)));
        } else {
            for (String part : idx ? IDX_PARTS : CSV_PARTS) {
                if (!parts.containsKey(part)) {
                    problems.add(new FieldProblem(
                            part,
                            "is missing; an " + (idx ? "IDX" : "CSV") + " upload needs "
                                    + String.join(", ", idx ? IDX_PARTS : CSV_PARTS)));
                }
            }
        }
        parts.values().stream()
                .filter(part -> part.size() == 0)
                .forEach(part -> problems.add(new FieldProblem(part.name(), "is empty")));
        return problems;
    }

    /** 2 to 128, or 0 when the field is not such a number. */
    private int parseClasses() {
        if (classes == null) {
            return DEFAULT_CLASSES;
        }
        try {
            int value = Integer.parseInt(classes.strip());
            return value >= 2 && value <= MAX_CLASSES ? value : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Reads and checks every part; call only when {@link #problems()} is empty.
     *
     * @throws InvalidDatasetException   naming the first part that is wrong
     * @throws DatasetTooLargeException  a part holds more images than {@code maxExamples}
     */
    /**
     * Reserves from {@code memory} what the parts declare, reading only the IDX headers: call before
     * {@link #read}, and close once what was read is kept.
     *
     * <p>IDX parts declare their counts in their headers; a CSV part is taken at half its size, its text being
     * longer.
     */
    UploadMemory.Reservation reserve(UploadMemory memory) throws IOException {
        if (isCsv()) {
            long bytes = parts.values().stream().mapToLong(Part::size).sum() / 2;
            return memory.reserve("train", bytes);
        }
        long declared = 0;
        for (String part : List.of("trainImages", "testImages")) {
            try (InputStream in = parts.get(part).content().getInputStream()) {
                IdxFormat.ImagesHeader header = IdxFormat.readImagesHeader(in, part);
                declared += (long) header.count() * header.rows() * header.columns() + header.count();
            }
        }
        return memory.reserve("trainImages", declared);
    }

    Read read(int maxExamples) throws IOException {
        int classCount = parseClasses();
        Map<String, String> files = new LinkedHashMap<>();
        parts.values().forEach(part -> files.put(part.name(), part.filename() == null ? "" : shorten(part.filename())));
        if (isCsv()) {
            LabeledImages training = csv("train", classCount, maxExamples);
            LabeledImages test = csv("test", classCount, maxExamples);
            return new Read("csv", classCount, training, test, files);
        }
        LabeledImages training = idx("trainImages", "trainLabels", classCount, maxExamples);
        LabeledImages test = idx("testImages", "testLabels", classCount, maxExamples);
        return new Read("idx", classCount, training, test, files);
    }

    private LabeledImages csv(String part, int classCount, int maxExamples) throws IOException {
        try (InputStream in = parts.get(part).content().getInputStream()) {
            return CsvFormat.read(in, part, classCount, maxExamples);
        }
    }

    private LabeledImages idx(String imagesPart, String labelsPart, int classCount, int maxExamples)
            throws IOException {
        IdxFormat.Expected expected = new IdxFormat.Expected(IdxFolder.SIDE, IdxFolder.SIDE, maxExamples);
        IdxFormat.Images images;
        try (InputStream in = parts.get(imagesPart).content().getInputStream()) {
            images = IdxFormat.readImages(in, imagesPart, expected);
        }
        byte[] labels;
        try (InputStream in = parts.get(labelsPart).content().getInputStream()) {
            labels = IdxFormat.readLabels(in, labelsPart, maxExamples);
        }
        return LabeledImages.of(images, labels, imagesPart, labelsPart, classCount);
    }

    private static String shorten(String text) {
        String printable = text.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() > MAX_NAME ? printable.substring(0, MAX_NAME) + "…" : printable;
    }
}
