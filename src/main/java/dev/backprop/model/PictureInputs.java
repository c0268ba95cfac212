package dev.backprop.model;

import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import dev.backprop.failure.InvalidFieldsException.Kind;
import dev.backprop.image.MnistImage;
import dev.backprop.image.MnistPreprocessor;
import dev.backprop.image.PictureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.multipart.MultipartFile;

/** Uploaded files made into MNIST inputs; every file that cannot be one is named with what is wrong with it. */
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
        List<FieldProblem> errors = new ArrayList<>();
        Kind kind = null;
        for (int k = 0; k < files.size(); k++) {
            String field = files.size() == 1 ? "file" : "file[" + k + "]";
            if (files.get(k).getSize() > maxFileSize) {
                kind = kind == null || kind == Kind.TOO_LARGE ? Kind.TOO_LARGE : Kind.WRONG;
                errors.add(new FieldProblem(
                        field,
                        "the file is " + files.get(k).getSize() + " bytes, more than the " + maxFileSize
                                + " accepted (backprop.images.max-file-size)"));
                continue;
            }
            try {
                images.add(preprocessor.prepare(files.get(k).getBytes()));
            } catch (PictureException e) {
                log.debug("Refused picture {} ({})", field, files.get(k).getOriginalFilename(), e);
                Kind problem = kindOf(e.reason());
                kind = kind == null || kind == problem ? problem : Kind.WRONG;
                errors.add(new FieldProblem(field, message(e, files.get(k).getOriginalFilename())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(kind, errors);
        }
        return images;
    }

    private static Kind kindOf(PictureException.Reason reason) {
        return switch (reason) {
            case NOT_A_PICTURE -> Kind.UNSUPPORTED_FORMAT;
            case TOO_LARGE -> Kind.TOO_LARGE;
            case EMPTY, DAMAGED, NO_INK -> Kind.WRONG;
        };
    }

    private static String message(PictureException e, String filename) {
        String named = filename == null || filename.isBlank() ? "" : "'" + filename + "': ";
        String limit = e.reason() == PictureException.Reason.TOO_LARGE ? " (backprop.images.max-pixels)" : "";
        return named + e.getMessage() + limit;
    }
}
