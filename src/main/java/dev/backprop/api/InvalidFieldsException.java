package dev.backprop.api;

import java.util.List;

/** A request whose fields are wrong, each named with what is wrong with it: answered as one 400. */
public class InvalidFieldsException extends RuntimeException {

    /** One bad field and what is wrong with it. */
    public record FieldProblem(String field, String message) {}

    private final List<FieldProblem> problems;

    public InvalidFieldsException(List<FieldProblem> problems) {
        super(String.join(
                "; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
