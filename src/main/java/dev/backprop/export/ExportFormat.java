package dev.backprop.export;

import java.util.Arrays;
import java.util.Optional;

/** The forms a model can leave the service in. */
public enum ExportFormat {
    /** ONNX, for ONNX Runtime and every framework that reads it. */
    ONNX("onnx", ".onnx", "application/octet-stream"),
    /** The JSON of Nielsen's network2.py, for sigmoid networks. */
    NETWORK2("network2", ".json", "application/json"),
    /** Backprop's own model file, for another Backprop service. */
    BACKPROP("backprop", ".model", "application/octet-stream");

    private final String id;
    private final String extension;
    private final String contentType;

    ExportFormat(String id, String extension, String contentType) {
        this.id = id;
        this.extension = extension;
        this.contentType = contentType;
    }

    public String id() {
        return id;
    }

    String extension() {
        return extension;
    }

    String contentType() {
        return contentType;
    }

    static Optional<ExportFormat> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    static String ids() {
        return String.join(", ", Arrays.stream(values()).map(ExportFormat::id).toList());
    }
}
