package dev.backprop.api;

import java.util.List;

/** A request whose fields are wrong, each named with what is wrong with it: answered as one 400. */
public class InvalidFieldsException extends RuntimeException {

    /** One bad field and what is wrong with it. */
    public record FieldProblem(String field, String message) {}

    private final List<FieldProblem> problems;

    public InvalidFieldsException(List<FieldProblem> problems) {
        // The message names the first problems only: a body of thousands of bad values is not echoed whole.
        super(String.join(
                "; ",
                problems.stream()
                        .limit(50)
                        .map(p -> p.field() + ": " + p.message())
                        .toList()));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
