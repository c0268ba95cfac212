package dev.backprop.dataset;

import dev.backprop.failure.InvalidFieldsException;
import java.util.List;

/**
 * Data that cannot be read as labelled 28×28 images. It names the part (an upload's part, or a file)
 * and says what is wrong with it; in an upload, that part is the field at fault.
 */
public class InvalidDatasetException extends InvalidFieldsException {

    private final String part;
    private final String problem;

    public InvalidDatasetException(String part, String problem) {
        this(part, problem, null);
    }

    public InvalidDatasetException(String part, String problem, Throwable cause) {
        this(Kind.WRONG, part, problem, cause);
    }

    InvalidDatasetException(Kind kind, String part, String problem, Throwable cause) {
        super(kind, List.of(new FieldProblem(part, problem)), cause);
        this.part = part;
        this.problem = problem;
    }

    /** The upload part or file at fault, e.g. {@code trainLabels}. */
    public String part() {
        return part;
    }

    /** What is wrong with it, without the part's name. */
    public String problem() {
        return problem;
    }
}
