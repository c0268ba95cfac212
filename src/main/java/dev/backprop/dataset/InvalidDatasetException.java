package dev.backprop.dataset;

/**
 * Data that cannot be read as labelled 28×28 images. It names the part (an upload's part, or a file)
 * and says what is wrong with it.
 */
public class InvalidDatasetException extends RuntimeException {

    private final String part;
    private final String problem;

    public InvalidDatasetException(String part, String problem) {
        this(part, problem, null);
    }

    public InvalidDatasetException(String part, String problem, Throwable cause) {
        super(part + ": " + problem, cause);
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
