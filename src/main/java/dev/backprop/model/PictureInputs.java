package dev.backprop.model;

import dev.backprop.api.ApiException;
import dev.backprop.api.Problems;
import dev.backprop.image.MnistImage;
import dev.backprop.image.MnistPreprocessor;
import dev.backprop.image.PictureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.multipart.MultipartFile;

/** Uploaded files made into MNIST inputs, each refusal turned into the problem its sender gets. */
final class PictureInputs {

    private static final Logger log = LoggerFactory.getLogger(PictureInputs.class);

    private final MnistPreprocessor preprocessor;
    private final long maxFileSize;

    PictureInputs(MnistPreprocessor preprocessor, long maxFileSize) {
        this.preprocessor = preprocessor;
        this.maxFileSize = maxFileSize;
    }

    /** Every file as an MNIST input, or one problem naming every file that could not be made into one. */
    List<MnistImage> prepare(List<MultipartFile> files) {
        List<MnistImage> images = new ArrayList<>(files.size());
        List<Map<String, Object>> errors = new ArrayList<>();
        Problems kind = null;
        for (int k = 0; k < files.size(); k++) {
            String field = files.size() == 1 ? "file" : "file[" + k + "]";
            if (files.get(k).getSize() > maxFileSize) {
                kind = kind == null || kind == Problems.PAYLOAD_TOO_LARGE
                        ? Problems.PAYLOAD_TOO_LARGE
                        : Problems.INVALID_REQUEST;
                errors.add(fieldError(
                        field,
                        "the file is " + files.get(k).getSize() + " bytes, more than the " + maxFileSize
                                + " accepted (backprop.images.max-file-size)"));
                continue;
            }
            try {
                images.add(preprocessor.prepare(files.get(k).getBytes()));
            } catch (PictureException e) {
                log.debug("Refused picture {} ({})", field, files.get(k).getOriginalFilename(), e);
                Problems problem = problemKind(e.reason());
                kind = kind == null || kind == problem ? problem : Problems.INVALID_REQUEST;
                errors.add(fieldError(field, message(e, files.get(k).getOriginalFilename())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream()
                    .map(error -> error.get("field") + ": " + error.get("message"))
                    .reduce((a, b) -> a + "; " + b)
                    .orElseThrow();
            throw new ApiException(kind, detail).withProperty("errors", errors);
        }
        return images;
    }

    private static Problems problemKind(PictureException.Reason reason) {
        return switch (reason) {
            case NOT_A_PICTURE -> Problems.UNSUPPORTED_MEDIA_TYPE;
            case TOO_LARGE -> Problems.PAYLOAD_TOO_LARGE;
            case EMPTY, DAMAGED, NO_INK -> Problems.INVALID_REQUEST;
        };
    }

    private static String message(PictureException e, String filename) {
        String named = filename == null || filename.isBlank() ? "" : "'" + filename + "': ";
        String limit = e.reason() == PictureException.Reason.TOO_LARGE ? " (backprop.images.max-pixels)" : "";
        return named + e.getMessage() + limit;
    }

    private static Map<String, Object> fieldError(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }
}
