package dev.backprop.failure;

import java.util.List;

/** A request whose fields are wrong, each named with what is wrong with it: answered as one refusal. */
public class InvalidFieldsException extends RuntimeException {

    /** One bad field and what is wrong with it. */
    public record FieldProblem(String field, String message) {}

    /** What kind of wrong: most input is simply wrong; some is too large, or of a format not read at all. */
    public enum Kind {
        WRONG,
        TOO_LARGE,
        UNSUPPORTED_FORMAT
    }

    private final Kind kind;
    private final List<FieldProblem> problems;

    public InvalidFieldsException(List<FieldProblem> problems) {
        this(Kind.WRONG, problems);
    }

    /** One wrong field. */
    public InvalidFieldsException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public InvalidFieldsException(Kind kind, List<FieldProblem> problems) {
        this(kind, problems, null);
    }

    public InvalidFieldsException(Kind kind, List<FieldProblem> problems, Throwable cause) {
        // The message names the first problems only: a body of thousands of bad values is not echoed whole.
        super(
                String.join(
                        "; ",
                        problems.stream()
                                .limit(50)
                                .map(p -> p.field() + ": " + p.message())
                                .toList()),
                cause);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    /** Input that is wrong as a whole (an upload that cannot be read), no one field to blame. */
    public InvalidFieldsException(String detail, Throwable cause) {
        super(detail, cause);
        this.kind = Kind.WRONG;
        this.problems = List.of();
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
